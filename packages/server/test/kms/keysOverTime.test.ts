/**
 * KMS keys change with time as on AWS: a key past its deletion date is gone (with its key material
 * and aliases, and what it protected can no longer be read), and automatic rotation adds key
 * material once per rotation period.
 *
 * ScheduleKeyDeletion waits at least 7 days and rotation at least 90, so the tests make time pass
 * honestly: they stop the server, move every time KMS stored that many days into the past (which is
 * what the clock moving on looks like to the store), start it again on the same data dir, and look
 * through the AWS APIs.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import {
  CancelKeyDeletionCommand,
  CreateAliasCommand,
  CreateKeyCommand,
  DecryptCommand,
  DescribeKeyCommand,
  DisableKeyCommand,
  EnableKeyCommand,
  EnableKeyRotationCommand,
  EncryptCommand,
  GetKeyRotationStatusCommand,
  type KMSClient,
  ListAliasesCommand,
  ListKeyRotationsCommand,
  ListKeysCommand,
  ScheduleKeyDeletionCommand,
  TagResourceCommand,
} from '@aws-sdk/client-kms';
import {
  CreateSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
} from '@aws-sdk/client-secrets-manager';
import { GetParameterCommand, PutParameterCommand } from '@aws-sdk/client-ssm';
import Database from 'better-sqlite3';
import { KmsEngine } from '../../src/kms/engine.js';
import { updateKey } from '../../src/kms/keyAdmin.js';
import { kmsMigrations } from '../../src/kms/schema.js';
import { AwsError } from '../../src/protocol/awsError.js';
import { Store } from '../../src/store/store.js';
import { awsCli } from '../support/awsCli.js';
import { awsError, type HushServe, startHushServe } from '../support/hushServe.js';

const DAY_MS = 86_400_000;
const KEY_GONE =
  'The ciphertext refers to a customer master key that does not exist, does not exist in this region, or you are not allowed to access.';

/** `days` pass for a stopped server's KMS: every time it stored moves that far into the past. */
function letDaysPass(dataDir: string, days: number): void {
  const ms = days * DAY_MS;
  const db = new Database(join(dataDir, 'hush.db'));
  try {
    db.transaction(() => {
      db.prepare(
        `UPDATE kms_keys SET created_at = created_at - @ms, deletion_date = deletion_date - @ms,
           next_rotation_at = next_rotation_at - @ms`,
      ).run({ ms });
      db.prepare('UPDATE kms_key_material SET created_at = created_at - ?').run(ms);
      db.prepare('UPDATE kms_aliases SET created_at = created_at - @ms, updated_at = updated_at - @ms').run({
        ms,
      });
    })();
  } finally {
    db.close();
  }
}

/** How many rows each KMS table still holds for these keys. */
function rowsFor(dataDir: string, keyIds: readonly string[]): Record<string, number> {
  const db = new Database(join(dataDir, 'hush.db'), { readonly: true });
  try {
    const marks = keyIds.map(() => '?').join(', ');
    const count = (sql: string) => (db.prepare(sql).get(...keyIds) as { n: number }).n;
    return {
      keys: count(`SELECT COUNT(*) AS n FROM kms_keys WHERE id IN (${marks})`),
      material: count(`SELECT COUNT(*) AS n FROM kms_key_material WHERE key_id IN (${marks})`),
      tags: count(`SELECT COUNT(*) AS n FROM kms_tags WHERE key_id IN (${marks})`),
      aliases: count(`SELECT COUNT(*) AS n FROM kms_aliases WHERE key_id IN (${marks})`),
    };
  } finally {
    db.close();
  }
}

/** The key-material version a ciphertext was made with (hush's blob header, bytes 17–20). */
const materialVersion = (blob: Uint8Array): number => Buffer.from(blob).readUInt32BE(17);

const text = (bytes: Uint8Array | undefined) => Buffer.from(bytes!).toString('utf8');

async function newKey(kms: KMSClient, description: string) {
  return (await kms.send(new CreateKeyCommand({ Description: description }))).KeyMetadata!;
}

async function encrypt(kms: KMSClient, keyId: string, plaintext: string): Promise<Uint8Array> {
  return (await kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: Buffer.from(plaintext) })))
    .CiphertextBlob!;
}

async function decrypt(kms: KMSClient, blob: Uint8Array): Promise<string> {
  return text((await kms.send(new DecryptCommand({ CiphertextBlob: blob }))).Plaintext);
}

describe('KMS keys past their deletion date', () => {
  const servers: HushServe[] = [];
  after(async () => {
    for (const server of servers) {
      await server.stop();
      server.cleanup();
    }
  });
  const start = async (dataDir?: string) => {
    const server = await startHushServe(dataDir === undefined ? {} : { dataDir });
    servers.push(server);
    return server;
  };

  it('are deleted with their material and aliases; what they protected can no longer be read; the rest stays', async () => {
    const first = await start();
    const { dataDir } = first;
    let kms = first.kms();
    // One doomed key per way of meeting it first after the date: each way must do the deletion itself.
    const byId = await newKey(kms, 'found by id');
    const byAlias = await newKey(kms, 'found by alias');
    await kms.send(new CreateAliasCommand({ AliasName: 'alias/by-alias', TargetKeyId: byAlias.KeyId }));
    const byBlob = await newKey(kms, 'found through a ciphertext');
    await kms.send(new TagResourceCommand({ KeyId: byBlob.KeyId, Tags: [{ TagKey: 'k', TagValue: 'v' }] }));
    const doomedBlob = await encrypt(kms, byBlob.KeyId!, 'made under a key that will go');
    const forSecret = await newKey(kms, 'protects a secret');
    await first
      .secretsManager()
      .send(
        new CreateSecretCommand({ Name: 'doomed/secret', SecretString: 's3cret', KmsKeyId: forSecret.Arn }),
      );
    const forParameter = await newKey(kms, 'protects a SecureString');
    await first.ssm().send(
      new PutParameterCommand({
        Name: '/doomed/param',
        Value: 'p4ram',
        Type: 'SecureString',
        KeyId: forParameter.KeyId,
      }),
    );
    const doomed = [byId, byAlias, byBlob, forSecret, forParameter];

    const kept = await newKey(kms, 'nothing scheduled');
    await kms.send(new CreateAliasCommand({ AliasName: 'alias/kept', TargetKeyId: kept.KeyId }));
    const keptBlob = await encrypt(kms, 'alias/kept', 'still readable');
    await first
      .secretsManager()
      .send(
        new CreateSecretCommand({ Name: 'kept/secret', SecretString: 'kept-s3cret', KmsKeyId: 'alias/kept' }),
      );
    await first.ssm().send(
      new PutParameterCommand({
        Name: '/kept/param',
        Value: 'kept-p4ram',
        Type: 'SecureString',
        KeyId: kept.Arn,
      }),
    );
    const pending = await newKey(kms, 'pending for 30 days');
    await kms.send(new EnableKeyRotationCommand({ KeyId: pending.KeyId }));
    const cancelled = await newKey(kms, 'deletion cancelled');

    const dates = new Map<string, Date>();
    for (const key of [...doomed, cancelled]) {
      const scheduled = await kms.send(
        new ScheduleKeyDeletionCommand({ KeyId: key.KeyId, PendingWindowInDays: 7 }),
      );
      dates.set(key.KeyId!, scheduled.DeletionDate!);
    }
    const pendingDate = (
      await kms.send(new ScheduleKeyDeletionCommand({ KeyId: pending.KeyId, PendingWindowInDays: 30 }))
    ).DeletionDate!;
    await kms.send(new CancelKeyDeletionCommand({ KeyId: cancelled.KeyId }));
    // While a key is pending deletion, AWS reports its rotation as off.
    const pendingRotation = await kms.send(new GetKeyRotationStatusCommand({ KeyId: pending.KeyId }));
    assert.equal(pendingRotation.KeyRotationEnabled, false);
    // Not yet: a key pending deletion is there until its date.
    assert.equal(
      (await kms.send(new DescribeKeyCommand({ KeyId: byId.KeyId }))).KeyMetadata?.KeyState,
      'PendingDeletion',
    );

    assert.equal(await first.stop(), 0);
    letDaysPass(dataDir, 8);
    const second = await start(dataDir);
    kms = second.kms();
    const account = byId.Arn!.split(':')[4];

    const describedById = await awsError(() => kms.send(new DescribeKeyCommand({ KeyId: byId.KeyId })));
    assert.equal(describedById.name, 'NotFoundException');
    assert.equal(describedById.message, `Key '${byId.Arn}' does not exist`);
    assert.equal(describedById.status, 400);

    const describedByAlias = await awsError(() =>
      kms.send(new DescribeKeyCommand({ KeyId: 'alias/by-alias' })),
    );
    assert.equal(describedByAlias.name, 'NotFoundException');
    assert.equal(
      describedByAlias.message,
      `Alias arn:aws:kms:us-east-1:${account}:alias/by-alias is not found.`,
    );

    // KMS cannot tell a deleted key from one never there, or not the caller's: it denies the Decrypt.
    const decrypted = await awsError(() => kms.send(new DecryptCommand({ CiphertextBlob: doomedBlob })));
    assert.equal(decrypted.name, 'AccessDeniedException');
    assert.equal(decrypted.message, KEY_GONE);

    // Secrets Manager and SSM read through KMS for the caller, and pass its denial on as AWS does.
    const secretRead = await awsError(() =>
      second.secretsManager().send(new GetSecretValueCommand({ SecretId: 'doomed/secret' })),
    );
    assert.equal(secretRead.name, 'AccessDeniedException');
    assert.equal(secretRead.message, 'Access to KMS is not allowed');
    const described = await second
      .secretsManager()
      .send(new DescribeSecretCommand({ SecretId: 'doomed/secret' }));
    assert.equal(described.KmsKeyId, forSecret.Arn);

    const parameterRead = await awsError(() =>
      second.ssm().send(new GetParameterCommand({ Name: '/doomed/param', WithDecryption: true })),
    );
    assert.equal(parameterRead.name, 'AccessDeniedException');
    assert.ok(
      parameterRead.message.startsWith(
        `${KEY_GONE} (Service: AWSKMS; Status Code: 400; Error Code: AccessDeniedException; Request ID: `,
      ),
      parameterRead.message,
    );
    const undecrypted = await second.ssm().send(new GetParameterCommand({ Name: '/doomed/param' }));
    assert.equal(undecrypted.Parameter?.Type, 'SecureString');
    assert.notEqual(undecrypted.Parameter?.Value, 'p4ram');

    // Every operation that names a deleted key answers as for a key that never was.
    for (const key of doomed) {
      const gone = `Key '${key.Arn}' does not exist`;
      for (const call of [
        () => kms.send(new DescribeKeyCommand({ KeyId: key.Arn })),
        () => kms.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: Buffer.from('x') })),
        () => kms.send(new DecryptCommand({ CiphertextBlob: doomedBlob, KeyId: key.KeyId })),
        () => kms.send(new CancelKeyDeletionCommand({ KeyId: key.KeyId })),
        () => kms.send(new GetKeyRotationStatusCommand({ KeyId: key.KeyId })),
      ]) {
        const error = await awsError(call);
        assert.equal(error.name, 'NotFoundException', key.Description);
        assert.equal(error.message, gone);
      }
    }
    const cli = await awsCli(second, ['kms', 'describe-key', '--key-id', byBlob.KeyId!]);
    assert.notEqual(cli.code, 0);
    assert.match(cli.stderr, /NotFoundException/);
    assert.ok(cli.stderr.includes(`Key '${byBlob.Arn}' does not exist`), cli.stderr);

    const listed = (await kms.send(new ListKeysCommand({}))).Keys?.map((k) => k.KeyId).sort();
    assert.deepEqual(listed, [kept.KeyId, pending.KeyId, cancelled.KeyId].sort());
    const aliases = (await kms.send(new ListAliasesCommand({}))).Aliases?.map((a) => a.AliasName);
    assert.deepEqual(aliases, ['alias/kept']);

    // The rest is as it was.
    assert.equal(await decrypt(kms, keptBlob), 'still readable');
    const keptSecret = await second
      .secretsManager()
      .send(new GetSecretValueCommand({ SecretId: 'kept/secret' }));
    assert.equal(keptSecret.SecretString, 'kept-s3cret');
    const keptParameter = await second
      .ssm()
      .send(new GetParameterCommand({ Name: '/kept/param', WithDecryption: true }));
    assert.equal(keptParameter.Parameter?.Value, 'kept-p4ram');
    const keptMeta = (await kms.send(new DescribeKeyCommand({ KeyId: 'alias/kept' }))).KeyMetadata!;
    assert.equal(keptMeta.KeyState, 'Enabled');
    assert.equal(keptMeta.DeletionDate, undefined);
    assert.deepEqual((await kms.send(new ListKeyRotationsCommand({ KeyId: kept.KeyId }))).Rotations, []);

    const pendingMeta = (await kms.send(new DescribeKeyCommand({ KeyId: pending.KeyId }))).KeyMetadata!;
    assert.equal(pendingMeta.KeyState, 'PendingDeletion');
    assert.equal(pendingMeta.DeletionDate?.getTime(), pendingDate.getTime() - 8 * DAY_MS);
    assert.equal(pendingMeta.PendingDeletionWindowInDays, 30);
    const stillPending = await awsError(() =>
      kms.send(new EncryptCommand({ KeyId: pending.KeyId, Plaintext: Buffer.from('x') })),
    );
    assert.equal(stillPending.name, 'KMSInvalidStateException');
    // Cancelling the deletion brings the rotation status back.
    await kms.send(new CancelKeyDeletionCommand({ KeyId: pending.KeyId }));
    const restored = await kms.send(new GetKeyRotationStatusCommand({ KeyId: pending.KeyId }));
    assert.equal(restored.KeyRotationEnabled, true);
    assert.equal(restored.RotationPeriodInDays, 365);

    // Cancelled before its date, the key outlives it (Disabled, as a cancellation leaves it).
    assert.ok(dates.get(cancelled.KeyId!)!.getTime() - 8 * DAY_MS < Date.now());
    const cancelledMeta = (await kms.send(new DescribeKeyCommand({ KeyId: cancelled.KeyId }))).KeyMetadata!;
    assert.equal(cancelledMeta.KeyState, 'Disabled');
    assert.equal(cancelledMeta.DeletionDate, undefined);

    // The key material is gone from the store, not just hidden.
    assert.equal(await second.stop(), 0);
    assert.deepEqual(
      rowsFor(
        dataDir,
        doomed.map((k) => k.KeyId!),
      ),
      { keys: 0, material: 0, tags: 0, aliases: 0 },
    );
    assert.equal(rowsFor(dataDir, [kept.KeyId!]).material, 1);
  });

  it('are gone from ListKeys and ListAliases even when nothing looked them up first', async () => {
    const first = await start();
    const { dataDir } = first;
    const east = await newKey(first.kms('us-east-1'), 'east');
    const west = await newKey(first.kms('eu-west-1'), 'west');
    await first
      .kms('eu-west-1')
      .send(new CreateAliasCommand({ AliasName: 'alias/west', TargetKeyId: west.KeyId }));
    for (const [region, key] of [
      ['us-east-1', east],
      ['eu-west-1', west],
    ] as const) {
      await first
        .kms(region)
        .send(new ScheduleKeyDeletionCommand({ KeyId: key.KeyId, PendingWindowInDays: 7 }));
    }
    assert.equal(await first.stop(), 0);
    letDaysPass(dataDir, 7);

    const second = await start(dataDir);
    assert.deepEqual((await second.kms('us-east-1').send(new ListKeysCommand({}))).Keys, []);
    // Listing one region leaves another's keys to their own lookups and listings.
    assert.equal(rowsFor(dataDir, [west.KeyId!]).keys, 1);
    assert.deepEqual((await second.kms('eu-west-1').send(new ListAliasesCommand({}))).Aliases, []);
    assert.deepEqual(rowsFor(dataDir, [east.KeyId!, west.KeyId!]), {
      keys: 0,
      material: 0,
      tags: 0,
      aliases: 0,
    });
    assert.deepEqual((await second.kms('eu-west-1').send(new ListKeysCommand({}))).Keys, []);
  });
});

describe('KMS automatic rotation over time', () => {
  let server: HushServe | undefined;
  after(async () => {
    await server?.stop();
    server?.cleanup();
  });

  it('adds key material once per elapsed period; old ciphertexts keep decrypting; the next date moves on', async () => {
    server = await startHushServe();
    const { dataDir } = server;
    let kms = server.kms();
    const rotating = await newKey(kms, 'rotates every 90 days');
    await kms.send(new EnableKeyRotationCommand({ KeyId: rotating.KeyId, RotationPeriodInDays: 90 }));
    const firstNext = (await kms.send(new GetKeyRotationStatusCommand({ KeyId: rotating.KeyId })))
      .NextRotationDate!;
    const oldBlob = await encrypt(kms, rotating.KeyId!, 'under the first material');

    const managedBlob = await encrypt(kms, 'alias/aws/ssm', 'under the AWS-managed key');
    const managed = (await kms.send(new DescribeKeyCommand({ KeyId: 'alias/aws/ssm' }))).KeyMetadata!;

    const paused = await newKey(kms, 'disabled while rotation fell due');
    await kms.send(new EnableKeyRotationCommand({ KeyId: paused.KeyId, RotationPeriodInDays: 90 }));
    const pausedNext = (await kms.send(new GetKeyRotationStatusCommand({ KeyId: paused.KeyId })))
      .NextRotationDate!;
    const pausedBlob = await encrypt(kms, paused.KeyId!, 'made before the pause');
    await kms.send(new DisableKeyCommand({ KeyId: paused.KeyId }));

    const still = await newKey(kms, 'no rotation');
    const stillBlob = await encrypt(kms, still.KeyId!, 'one material only');

    assert.equal(await server.stop(), 0);
    const days = 400;
    letDaysPass(dataDir, days);
    server = await startHushServe({ dataDir });
    kms = server.kms();

    // 400 days with a 90-day period: four rotations, each on the day it fell due.
    const shifted = firstNext.getTime() - days * DAY_MS;
    const rotations = (await kms.send(new ListKeyRotationsCommand({ KeyId: rotating.KeyId }))).Rotations!;
    assert.deepEqual(
      rotations.map((r) => [r.KeyId, r.RotationType, r.RotationDate?.getTime()]),
      [0, 1, 2, 3].map((n) => [rotating.KeyId, 'AUTOMATIC', shifted + n * 90 * DAY_MS]),
    );
    const status = await kms.send(new GetKeyRotationStatusCommand({ KeyId: rotating.KeyId }));
    assert.equal(status.KeyRotationEnabled, true);
    assert.equal(status.RotationPeriodInDays, 90);
    assert.equal(status.NextRotationDate?.getTime(), shifted + 4 * 90 * DAY_MS);
    assert.ok(status.NextRotationDate!.getTime() > Date.now());
    // New ciphertexts use the newest material; the first material still opens what it made.
    const newBlob = await encrypt(kms, rotating.KeyId!, 'under the newest material');
    assert.equal(materialVersion(oldBlob), 1);
    assert.equal(materialVersion(newBlob), 5);
    assert.equal(await decrypt(kms, oldBlob), 'under the first material');
    assert.equal(await decrypt(kms, newBlob), 'under the newest material');

    // The AWS-managed key rotates a year after its creation, then yearly.
    const managedCreated = (await kms.send(new DescribeKeyCommand({ KeyId: managed.KeyId }))).KeyMetadata!
      .CreationDate!;
    assert.equal(managedCreated.getTime(), managed.CreationDate!.getTime() - days * DAY_MS);
    const managedRotations = (await kms.send(new ListKeyRotationsCommand({ KeyId: managed.KeyId })))
      .Rotations!;
    assert.deepEqual(
      managedRotations.map((r) => [r.RotationType, r.RotationDate?.getTime()]),
      [['AUTOMATIC', managedCreated.getTime() + 365 * DAY_MS]],
    );
    assert.equal(
      (await kms.send(new GetKeyRotationStatusCommand({ KeyId: managed.KeyId }))).NextRotationDate?.getTime(),
      managedCreated.getTime() + 2 * 365 * DAY_MS,
    );
    assert.equal(await decrypt(kms, managedBlob), 'under the AWS-managed key');

    // A disabled key is not rotated; re-enabled, it rotates once at once, not once per missed period.
    assert.deepEqual((await kms.send(new ListKeyRotationsCommand({ KeyId: paused.KeyId }))).Rotations, []);
    const pausedStatus = await kms.send(new GetKeyRotationStatusCommand({ KeyId: paused.KeyId }));
    assert.equal(pausedStatus.KeyRotationEnabled, true);
    assert.equal(pausedStatus.NextRotationDate?.getTime(), pausedNext.getTime() - days * DAY_MS);
    const beforeEnable = Date.now();
    await kms.send(new EnableKeyCommand({ KeyId: paused.KeyId }));
    const resumed = (await kms.send(new ListKeyRotationsCommand({ KeyId: paused.KeyId }))).Rotations!;
    const afterEnable = Date.now();
    assert.equal(resumed.length, 1);
    assert.equal(resumed[0]?.RotationType, 'AUTOMATIC');
    const resumedAt = resumed[0]!.RotationDate!.getTime();
    assert.ok(resumedAt >= beforeEnable && resumedAt <= afterEnable, `${resumedAt}`);
    assert.equal(
      (await kms.send(new GetKeyRotationStatusCommand({ KeyId: paused.KeyId }))).NextRotationDate?.getTime(),
      resumedAt + 90 * DAY_MS,
    );
    assert.equal(await decrypt(kms, pausedBlob), 'made before the pause');
    assert.equal(materialVersion(await encrypt(kms, paused.KeyId!, 'after')), 2);

    // A key without rotation is untouched.
    assert.deepEqual((await kms.send(new ListKeyRotationsCommand({ KeyId: still.KeyId }))).Rotations, []);
    const stillAgain = await encrypt(kms, still.KeyId!, 'one material only');
    assert.deepEqual(Buffer.from(stillAgain).subarray(0, 21), Buffer.from(stillBlob).subarray(0, 21));

    // The rotations were written for good, once: a restart finds the same ones and adds none.
    assert.equal(await server.stop(), 0);
    server = await startHushServe({ dataDir });
    kms = server.kms();
    const again = (await kms.send(new ListKeyRotationsCommand({ KeyId: rotating.KeyId }))).Rotations!;
    assert.deepEqual(
      again.map((r) => r.RotationDate?.getTime()),
      rotations.map((r) => r.RotationDate?.getTime()),
    );
    assert.equal(await decrypt(kms, newBlob), 'under the newest material');
  });
});

describe('KMS engine: a looked-up key does not outlive its due moment', () => {
  const scope = { region: 'us-east-1', account: '000000000000' };
  const context = { purpose: 'test' };
  const setup = () => {
    const store = new Store({ dataDir: '', inMemory: true });
    store.migrate(kmsMigrations);
    const kms = new KmsEngine(store, randomBytes(32));
    const t0 = Date.now();
    const key = kms.createKey(scope, { now: new Date(t0) });
    return { store, kms, key, t0 };
  };

  it('is deleted at its deletion date though nothing in the store changed, and its opened blobs close', () => {
    const { store, kms, key, t0 } = setup();
    const blob = kms.encrypt(key, Buffer.from('opened before'), context);
    assert.equal(kms.decrypt(scope, blob, context, new Date(t0)).plaintext.toString(), 'opened before');
    updateKey(store.db, key, { state: 'PendingDeletion', deletion_date: t0 + 1000, pending_window_days: 7 });
    const before = kms.getById(scope, key.id, new Date(t0 + 999));
    assert.equal(before?.state, 'PendingDeletion');
    const generation = store.generation;
    // The same memoized record, a millisecond before and at the date.
    assert.equal(kms.getById(scope, key.id, new Date(t0 + 999)), before);
    assert.equal(store.generation, generation);
    assert.equal(kms.getById(scope, key.id, new Date(t0 + 1000)), undefined);
    assert.throws(
      () => kms.decrypt(scope, blob, context, new Date(t0 + 1000)),
      (e: unknown) => e instanceof AwsError && e.code === 'AccessDeniedException' && e.message === KEY_GONE,
    );
    store.close();
  });

  it('rotates at its rotation date though nothing in the store changed', () => {
    const { store, kms, key, t0 } = setup();
    const blob = kms.encrypt(key, Buffer.from('first material'), context);
    updateKey(store.db, key, { rotation_enabled: 1, rotation_period_days: 90, next_rotation_at: t0 + 1000 });
    const opened = kms.decrypt(scope, blob, context, new Date(t0 + 999));
    assert.equal(opened.key.nextRotationAt, t0 + 1000);
    const generation = store.generation;
    assert.equal(kms.getById(scope, key.id, new Date(t0 + 999)), opened.key);
    assert.equal(store.generation, generation);
    const rotated = kms.getById(scope, key.id, new Date(t0 + 1000))!;
    assert.equal(rotated.nextRotationAt, t0 + 1000 + 90 * DAY_MS);
    assert.equal(materialVersion(kms.encrypt(rotated, Buffer.from('second'), context)), 2);
    assert.equal(
      kms.decrypt(scope, blob, context, new Date(t0 + 1000)).plaintext.toString(),
      'first material',
    );
    store.close();
  });
});
