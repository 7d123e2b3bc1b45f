import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import {
  CreateAliasCommand,
  CreateKeyCommand,
  DeleteAliasCommand,
  DescribeKeyCommand,
  EncryptCommand,
  type KMSClient,
  ListAliasesCommand,
  ScheduleKeyDeletionCommand,
  UpdateAliasCommand,
} from '@aws-sdk/client-kms';
import { awsError } from '../support/hushServe.js';
import { useHushServe } from '../support/useHushServe.js';

const ACCOUNT = '000000000000';

describe('KMS aliases', () => {
  const server = useHushServe({ inMemory: true });
  let kms: KMSClient;
  const newKey = async () => (await kms.send(new CreateKeyCommand({}))).KeyMetadata!;

  before(async () => {
    kms = server.kms();
  });

  it('creates an alias by key id or ARN and refuses a second alias of the same name', async () => {
    const key = await newKey();
    await kms.send(new CreateAliasCommand({ AliasName: 'alias/app', TargetKeyId: key.KeyId }));
    await kms.send(new CreateAliasCommand({ AliasName: 'alias/app-by-arn', TargetKeyId: key.Arn }));
    const out = await kms.send(new DescribeKeyCommand({ KeyId: 'alias/app-by-arn' }));
    assert.equal(out.KeyMetadata?.KeyId, key.KeyId);
    const dup = await awsError(() =>
      kms.send(new CreateAliasCommand({ AliasName: 'alias/app', TargetKeyId: key.KeyId })),
    );
    assert.equal(dup.name, 'AlreadyExistsException');
    assert.equal(
      dup.message,
      `An alias with the name arn:aws:kms:us-east-1:${ACCOUNT}:alias/app already exists`,
    );
  });

  it('applies the alias name rules', async () => {
    const key = await newKey();
    const noPrefix = await awsError(() =>
      kms.send(new CreateAliasCommand({ AliasName: 'app', TargetKeyId: key.KeyId })),
    );
    assert.equal(noPrefix.name, 'ValidationException');
    assert.equal(
      noPrefix.message,
      'Alias must start with the prefix "alias/". Please see https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html',
    );
    const reserved = await awsError(() =>
      kms.send(new CreateAliasCommand({ AliasName: 'alias/aws/mine', TargetKeyId: key.KeyId })),
    );
    assert.equal(reserved.name, 'NotAuthorizedException');
    const badChars = await awsError(() =>
      kms.send(new CreateAliasCommand({ AliasName: 'alias/white space', TargetKeyId: key.KeyId })),
    );
    assert.equal(
      badChars.message,
      "1 validation error detected: Value 'alias/white space' at 'aliasName' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-zA-Z0-9:/_-]+$",
    );
    const unknownKey = await awsError(() =>
      kms.send(
        new CreateAliasCommand({
          AliasName: 'alias/orphan',
          TargetKeyId: '11111111-2222-3333-4444-555555555555',
        }),
      ),
    );
    assert.equal(unknownKey.name, 'NotFoundException');
  });

  it('will not point an alias at a key pending deletion', async () => {
    const key = await newKey();
    await kms.send(new ScheduleKeyDeletionCommand({ KeyId: key.KeyId, PendingWindowInDays: 7 }));
    const error = await awsError(() =>
      kms.send(new CreateAliasCommand({ AliasName: 'alias/doomed', TargetKeyId: key.KeyId })),
    );
    assert.equal(error.name, 'KMSInvalidStateException');
    assert.equal(error.message, `${key.Arn} is pending deletion.`);
  });

  it('moves an alias to another key and deletes it', async () => {
    const first = await newKey();
    const second = await newKey();
    await kms.send(new CreateAliasCommand({ AliasName: 'alias/moving', TargetKeyId: first.KeyId }));
    await kms.send(new UpdateAliasCommand({ AliasName: 'alias/moving', TargetKeyId: second.KeyId }));
    const moved = await kms.send(new DescribeKeyCommand({ KeyId: 'alias/moving' }));
    assert.equal(moved.KeyMetadata?.KeyId, second.KeyId);
    const missing = await awsError(() =>
      kms.send(new UpdateAliasCommand({ AliasName: 'alias/never', TargetKeyId: second.KeyId })),
    );
    assert.equal(missing.name, 'NotFoundException');
    assert.equal(missing.message, `Alias arn:aws:kms:us-east-1:${ACCOUNT}:alias/never is not found.`);

    await kms.send(new DeleteAliasCommand({ AliasName: 'alias/moving' }));
    const gone = await awsError(() => kms.send(new DescribeKeyCommand({ KeyId: 'alias/moving' })));
    assert.equal(gone.name, 'NotFoundException');
    const twice = await awsError(() => kms.send(new DeleteAliasCommand({ AliasName: 'alias/moving' })));
    assert.equal(twice.name, 'NotFoundException');
    assert.equal(twice.message, `Alias arn:aws:kms:us-east-1:${ACCOUNT}:alias/moving is not found.`);
  });

  it('lists aliases with a KeyId filter and paging, AWS-managed ones once they exist', async () => {
    const client = server.kms('eu-west-3');
    const key = (await client.send(new CreateKeyCommand({}))).KeyMetadata!;
    const other = (await client.send(new CreateKeyCommand({}))).KeyMetadata!;
    for (const name of ['alias/a1', 'alias/a2', 'alias/a3']) {
      await client.send(new CreateAliasCommand({ AliasName: name, TargetKeyId: key.KeyId }));
    }
    await client.send(new CreateAliasCommand({ AliasName: 'alias/b1', TargetKeyId: other.KeyId }));
    const before = await client.send(new ListAliasesCommand({}));
    assert.deepEqual(
      before.Aliases?.map((a) => a.AliasName),
      ['alias/a1', 'alias/a2', 'alias/a3', 'alias/b1'],
    );
    assert.equal(before.Truncated, false);
    const entry = before.Aliases![0]!;
    assert.equal(entry.AliasArn, `arn:aws:kms:eu-west-3:${ACCOUNT}:alias/a1`);
    assert.equal(entry.TargetKeyId, key.KeyId);
    assert.ok(entry.CreationDate instanceof Date && entry.LastUpdatedDate instanceof Date);

    const names: string[] = [];
    let marker: string | undefined;
    do {
      const page = await client.send(
        new ListAliasesCommand({ KeyId: key.Arn, Limit: 2, ...(marker ? { Marker: marker } : {}) }),
      );
      names.push(...(page.Aliases ?? []).map((a) => a.AliasName!));
      marker = page.NextMarker;
    } while (marker);
    assert.deepEqual(names, ['alias/a1', 'alias/a2', 'alias/a3']);

    await client.send(new EncryptCommand({ KeyId: 'alias/aws/ssm', Plaintext: Buffer.from('x') }));
    const after = await client.send(new ListAliasesCommand({}));
    const managed = after.Aliases?.find((a) => a.AliasName === 'alias/aws/ssm');
    assert.ok(managed?.TargetKeyId);
    assert.equal(
      after.Aliases?.some((a) => a.AliasName === 'alias/aws/secretsmanager'),
      false,
    );

    const unknown = await awsError(() =>
      client.send(new ListAliasesCommand({ KeyId: '11111111-2222-3333-4444-555555555555' })),
    );
    assert.equal(unknown.name, 'NotFoundException');
  });
});
