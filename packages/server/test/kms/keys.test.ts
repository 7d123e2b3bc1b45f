import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import {
  CancelKeyDeletionCommand,
  CreateAliasCommand,
  CreateKeyCommand,
  DescribeKeyCommand,
  DisableKeyCommand,
  EnableKeyCommand,
  EncryptCommand,
  type KMSClient,
  ListKeysCommand,
  ScheduleKeyDeletionCommand,
  UpdateKeyDescriptionCommand,
} from '@aws-sdk/client-kms';
import { awsError } from '../support/hushServe.js';
import { useHushServe } from '../support/useHushServe.js';

const ACCOUNT = '000000000000';

describe('KMS keys: create, describe, list, state', () => {
  const server = useHushServe({ inMemory: true });
  let kms: KMSClient;
  const newKey = async (description = 'k') =>
    (await kms.send(new CreateKeyCommand({ Description: description }))).KeyMetadata!;

  before(async () => {
    kms = server.kms();
  });

  it('creates a symmetric key with the metadata AWS returns', async () => {
    const meta = await newKey('test key 123');
    assert.match(meta.KeyId!, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    assert.equal(meta.Arn, `arn:aws:kms:us-east-1:${ACCOUNT}:key/${meta.KeyId}`);
    assert.equal(meta.AWSAccountId, ACCOUNT);
    assert.ok(meta.CreationDate instanceof Date);
    assert.equal(meta.Description, 'test key 123');
    assert.equal(meta.Enabled, true);
    assert.equal(meta.KeyState, 'Enabled');
    assert.equal(meta.KeyUsage, 'ENCRYPT_DECRYPT');
    assert.equal(meta.KeySpec, 'SYMMETRIC_DEFAULT');
    assert.equal(meta.CustomerMasterKeySpec, 'SYMMETRIC_DEFAULT');
    assert.deepEqual(meta.EncryptionAlgorithms, ['SYMMETRIC_DEFAULT']);
    assert.equal(meta.KeyManager, 'CUSTOMER');
    assert.equal(meta.Origin, 'AWS_KMS');
    assert.equal(meta.MultiRegion, false);
    assert.equal(meta.DeletionDate, undefined);
  });

  it('refuses key specs other than symmetric encryption with a clear error', async () => {
    const noUsage = await awsError(() => kms.send(new CreateKeyCommand({ KeySpec: 'RSA_2048' })));
    assert.equal(noUsage.name, 'ValidationException');
    assert.equal(
      noUsage.message,
      'You must specify a KeyUsage value for all KMS keys except for symmetric encryption keys.',
    );
    const rsa = await awsError(() =>
      kms.send(new CreateKeyCommand({ KeySpec: 'RSA_2048', KeyUsage: 'ENCRYPT_DECRYPT' })),
    );
    assert.equal(rsa.name, 'UnsupportedOperationException');
    assert.match(rsa.message, /KeySpec RSA_2048 with KeyUsage ENCRYPT_DECRYPT is not supported/);
    const hmac = await awsError(() => kms.send(new CreateKeyCommand({ KeyUsage: 'GENERATE_VERIFY_MAC' })));
    assert.equal(hmac.name, 'UnsupportedOperationException');
    const multi = await awsError(() => kms.send(new CreateKeyCommand({ MultiRegion: true })));
    assert.equal(multi.name, 'UnsupportedOperationException');
    const badSpec = await awsError(() =>
      kms.send(
        new CreateKeyCommand({ KeySpec: 'HMAC_random' as 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' }),
      ),
    );
    assert.equal(badSpec.name, 'ValidationException');
    assert.match(
      badSpec.message,
      /^1 validation error detected: Value 'HMAC_random' at 'keySpec' failed to satisfy constraint: Member must satisfy enum value set: \[RSA_2048, ECC_NIST_P384, /,
    );
    const badPolicy = await awsError(() => kms.send(new CreateKeyCommand({ Policy: 'not json' })));
    assert.equal(badPolicy.name, 'MalformedPolicyDocumentException');
  });

  it('describes a key by id, key ARN, alias name and alias ARN', async () => {
    const meta = await newKey('described');
    await kms.send(new CreateAliasCommand({ AliasName: 'alias/described', TargetKeyId: meta.KeyId }));
    for (const reference of [
      meta.KeyId!,
      meta.KeyId!.toUpperCase(),
      meta.Arn!,
      'alias/described',
      `arn:aws:kms:us-east-1:${ACCOUNT}:alias/described`,
    ]) {
      const out = await kms.send(new DescribeKeyCommand({ KeyId: reference }));
      assert.equal(out.KeyMetadata?.KeyId, meta.KeyId, reference);
      assert.equal(out.KeyMetadata?.Description, 'described');
    }
  });

  it('answers unknown, malformed and foreign-region keys as AWS does', async () => {
    const meta = await newKey();
    const cases: [string, string][] = [
      [
        '11111111-2222-3333-4444-555555555555',
        `Key 'arn:aws:kms:us-east-1:${ACCOUNT}:key/11111111-2222-3333-4444-555555555555' does not exist`,
      ],
      ['fake-key-id', "Invalid keyId 'fake-key-id'"],
      ['134f2428cec14b25a1ae9048164dba47', "Invalid keyId '134f2428cec14b25a1ae9048164dba47'"],
      [meta.Arn!.replace('us-east-1', 'ap-southeast-1'), 'Invalid arn ap-southeast-1'],
      ['alias/nope', `Alias arn:aws:kms:us-east-1:${ACCOUNT}:alias/nope is not found.`],
    ];
    for (const [reference, message] of cases) {
      const error = await awsError(() => kms.send(new DescribeKeyCommand({ KeyId: reference })));
      assert.equal(error.name, 'NotFoundException', reference);
      assert.equal(error.message, message);
      assert.equal(error.status, 400);
    }
    // The key exists in us-east-1 only: its id means nothing in another region.
    const elsewhere = await awsError(() =>
      server.kms('ap-southeast-1').send(new DescribeKeyCommand({ KeyId: meta.KeyId })),
    );
    assert.equal(
      elsewhere.message,
      `Key 'arn:aws:kms:ap-southeast-1:${ACCOUNT}:key/${meta.KeyId}' does not exist`,
    );
  });

  it('lists keys with Limit and Marker paging', async () => {
    const region = 'eu-north-1';
    const client = server.kms(region);
    const created = new Set<string>();
    for (let i = 0; i < 5; i++) {
      created.add((await client.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!);
    }
    const seen: string[] = [];
    let marker: string | undefined;
    let pages = 0;
    do {
      const page = await client.send(
        new ListKeysCommand({ Limit: 2, ...(marker ? { Marker: marker } : {}) }),
      );
      pages++;
      assert.ok((page.Keys ?? []).length <= 2);
      for (const key of page.Keys ?? []) {
        assert.equal(key.KeyArn, `arn:aws:kms:${region}:${ACCOUNT}:key/${key.KeyId}`);
        seen.push(key.KeyId!);
      }
      assert.equal(page.Truncated, page.NextMarker !== undefined);
      marker = page.NextMarker;
    } while (marker);
    assert.equal(pages, 3);
    assert.deepEqual(new Set(seen), created);
    const limit = await awsError(() => client.send(new ListKeysCommand({ Limit: 0 })));
    assert.equal(
      limit.message,
      "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1",
    );
    const badMarker = await awsError(() => client.send(new ListKeysCommand({ Marker: 'garbage' })));
    assert.equal(badMarker.name, 'InvalidMarkerException');
  });

  it('updates the description', async () => {
    const meta = await newKey('before');
    await kms.send(new UpdateKeyDescriptionCommand({ KeyId: meta.KeyId, Description: 'after' }));
    const out = await kms.send(new DescribeKeyCommand({ KeyId: meta.KeyId }));
    assert.equal(out.KeyMetadata?.Description, 'after');
  });

  it('disables and enables a key; a disabled key cannot encrypt', async () => {
    const meta = await newKey();
    await kms.send(new DisableKeyCommand({ KeyId: meta.KeyId }));
    await kms.send(new DisableKeyCommand({ KeyId: meta.KeyId }));
    const disabled = (await kms.send(new DescribeKeyCommand({ KeyId: meta.KeyId }))).KeyMetadata!;
    assert.equal(disabled.KeyState, 'Disabled');
    assert.equal(disabled.Enabled, false);
    const error = await awsError(() =>
      kms.send(new EncryptCommand({ KeyId: meta.KeyId, Plaintext: Buffer.from('x') })),
    );
    assert.equal(error.name, 'DisabledException');
    assert.equal(error.message, `${meta.Arn} is disabled.`);
    await kms.send(new EnableKeyCommand({ KeyId: meta.KeyId }));
    const enabled = (await kms.send(new DescribeKeyCommand({ KeyId: meta.KeyId }))).KeyMetadata!;
    assert.equal(enabled.KeyState, 'Enabled');
    assert.equal(enabled.Enabled, true);
  });

  it('schedules deletion (default 30 days, 7–30 allowed) and cancels it, leaving the key Disabled', async () => {
    const meta = await newKey();
    const before = Date.now();
    const scheduled = await kms.send(new ScheduleKeyDeletionCommand({ KeyId: meta.KeyId }));
    assert.equal(scheduled.KeyId, meta.Arn);
    assert.equal(scheduled.KeyState, 'PendingDeletion');
    assert.equal(scheduled.PendingWindowInDays, 30);
    const days = (scheduled.DeletionDate!.getTime() - before) / 86_400_000;
    assert.ok(days > 29.9 && days < 30.1, String(days));
    const described = (await kms.send(new DescribeKeyCommand({ KeyId: meta.KeyId }))).KeyMetadata!;
    assert.equal(described.KeyState, 'PendingDeletion');
    assert.equal(described.Enabled, false);
    assert.equal(described.PendingDeletionWindowInDays, 30);
    assert.ok(described.DeletionDate instanceof Date);

    const again = await awsError(() => kms.send(new ScheduleKeyDeletionCommand({ KeyId: meta.KeyId })));
    assert.equal(again.name, 'KMSInvalidStateException');
    assert.equal(again.message, `${meta.Arn} is pending deletion.`);

    const cancelled = await kms.send(new CancelKeyDeletionCommand({ KeyId: meta.KeyId }));
    assert.equal(cancelled.KeyId, meta.Arn);
    const after = (await kms.send(new DescribeKeyCommand({ KeyId: meta.KeyId }))).KeyMetadata!;
    assert.equal(after.KeyState, 'Disabled');
    assert.equal(after.Enabled, false);
    assert.equal(after.DeletionDate, undefined);
    assert.equal(after.PendingDeletionWindowInDays, undefined);

    const notPending = await awsError(() => kms.send(new CancelKeyDeletionCommand({ KeyId: meta.KeyId })));
    assert.equal(notPending.name, 'KMSInvalidStateException');

    const seven = await kms.send(
      new ScheduleKeyDeletionCommand({ KeyId: meta.KeyId, PendingWindowInDays: 7 }),
    );
    assert.equal(seven.PendingWindowInDays, 7);
    for (const window of [6, 31]) {
      const other = await newKey();
      const error = await awsError(() =>
        kms.send(new ScheduleKeyDeletionCommand({ KeyId: other.KeyId, PendingWindowInDays: window })),
      );
      assert.equal(error.name, 'ValidationException');
      assert.equal(error.message, `PendingWindowInDays should be between 7 and 30, but it is ${window}`);
    }
    const zero = await awsError(() =>
      kms.send(new ScheduleKeyDeletionCommand({ KeyId: meta.KeyId, PendingWindowInDays: 0 })),
    );
    assert.match(zero.message, /Value '0' at 'pendingWindowInDays' failed to satisfy constraint/);
  });
});
