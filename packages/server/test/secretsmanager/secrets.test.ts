import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { CreateKeyCommand } from '@aws-sdk/client-kms';
import {
  CreateSecretCommand,
  DeleteSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  ListSecretVersionIdsCommand,
  PutSecretValueCommand,
  RestoreSecretCommand,
  type SecretsManagerClient,
  UpdateSecretCommand,
  UpdateSecretVersionStageCommand,
} from '@aws-sdk/client-secrets-manager';
import { GetParameterCommand, GetParametersCommand } from '@aws-sdk/client-ssm';
import { disableKey } from '../ssm/kmsKeyState.js';
import { awsError } from '../support/hushServe.js';
import { useHushServe } from '../support/useHushServe.js';
import { assertNoPlaintext, failsWithoutChange, rawCall, token } from './fixtures.js';

const VALUES = ['db-password-Xk29q', 'db-password-Rt71m', 'db-password-Lp03z', 'binary-secret-Qw55'];

describe('Secrets Manager: secrets, versions and labels', () => {
  const server = useHushServe();
  let sm: SecretsManagerClient;
  before(async () => {
    sm = server.secretsManager();
  });

  it('creates a secret whose ARN ends in - and 6 random characters, readable by name, ARN and partial ARN', async () => {
    const created = await sm.send(
      new CreateSecretCommand({ Name: 'app/db', SecretString: VALUES[0], ClientRequestToken: token(1) }),
    );
    assert.match(
      created.ARN!,
      /^arn:aws:secretsmanager:us-east-1:000000000000:secret:app\/db-[A-Za-z0-9]{6}$/,
    );
    assert.equal(created.Name, 'app/db');
    assert.equal(created.VersionId, token(1));
    for (const id of ['app/db', created.ARN!, created.ARN!.slice(0, -7)]) {
      const read = await sm.send(new GetSecretValueCommand({ SecretId: id }));
      assert.equal(read.SecretString, VALUES[0]);
      assert.equal(read.ARN, created.ARN);
      assert.deepEqual(read.VersionStages, ['AWSCURRENT']);
      assert.equal(read.VersionId, token(1));
      assert.ok(read.CreatedDate instanceof Date);
    }
  });

  it('moves AWSCURRENT to a new value and AWSPREVIOUS to the old one; the version before loses AWSPREVIOUS', async () => {
    const put = await sm.send(
      new PutSecretValueCommand({
        SecretId: 'app/db',
        SecretString: VALUES[1],
        ClientRequestToken: token(2),
      }),
    );
    assert.equal(put.VersionId, token(2));
    assert.deepEqual(put.VersionStages, ['AWSCURRENT']);
    const updated = await sm.send(
      new UpdateSecretCommand({ SecretId: 'app/db', SecretString: VALUES[2], ClientRequestToken: token(3) }),
    );
    assert.equal(updated.VersionId, token(3));
    const described = await sm.send(new DescribeSecretCommand({ SecretId: 'app/db' }));
    assert.deepEqual(described.VersionIdsToStages, {
      [token(2)]: ['AWSPREVIOUS'],
      [token(3)]: ['AWSCURRENT'],
    });
    const previous = await sm.send(
      new GetSecretValueCommand({ SecretId: 'app/db', VersionStage: 'AWSPREVIOUS' }),
    );
    assert.equal(previous.SecretString, VALUES[1]);
    const byId = await sm.send(new GetSecretValueCommand({ SecretId: 'app/db', VersionId: token(1) }));
    assert.equal(byId.SecretString, VALUES[0]);
    assert.deepEqual(byId.VersionStages, []);
    // The first version lost its last label: deprecated, listed only with IncludeDeprecated.
    const listed = await sm.send(new ListSecretVersionIdsCommand({ SecretId: 'app/db' }));
    assert.deepEqual(
      listed.Versions?.map((v) => v.VersionId),
      [token(2), token(3)],
    );
    assert.deepEqual(listed.Versions?.[0]?.KmsKeyIds, ['DefaultEncryptionKey']);
    const all = await sm.send(
      new ListSecretVersionIdsCommand({ SecretId: 'app/db', IncludeDeprecated: true }),
    );
    assert.equal(all.Versions?.length, 3);
    assert.equal(all.Versions?.[0]?.VersionId, token(1));
    assert.equal('VersionStages' in (all.Versions?.[0] ?? {}), false);
  });

  it('is idempotent on ClientRequestToken: same value → same version; other value → ResourceExistsException', async () => {
    const again = await sm.send(
      new PutSecretValueCommand({
        SecretId: 'app/db',
        SecretString: VALUES[2],
        ClientRequestToken: token(3),
      }),
    );
    assert.equal(again.VersionId, token(3));
    assert.deepEqual(again.VersionStages, ['AWSCURRENT']);
    const conflict = await failsWithoutChange(server, 'ResourceExistsException', () =>
      sm.send(
        new PutSecretValueCommand({
          SecretId: 'app/db',
          SecretString: 'other',
          ClientRequestToken: token(3),
        }),
      ),
    );
    assert.equal(conflict.message, 'A resource with the ID you requested already exists.');
    const versions = await sm.send(
      new ListSecretVersionIdsCommand({ SecretId: 'app/db', IncludeDeprecated: true }),
    );
    assert.equal(versions.Versions?.length, 3);
    const retried = await sm.send(
      new CreateSecretCommand({ Name: 'app/db', SecretString: VALUES[0], ClientRequestToken: token(1) }),
    );
    assert.equal(retried.VersionId, token(1));
  });

  it('refuses a second secret with the same name', async () => {
    const error = await failsWithoutChange(server, 'ResourceExistsException', () =>
      sm.send(new CreateSecretCommand({ Name: 'app/db', SecretString: 'x' })),
    );
    assert.equal(error.message, 'The operation failed because the secret app/db already exists.');
  });

  it('answers unknown secrets with ResourceNotFoundException and HTTP 400, in "Message"', async () => {
    const error = await failsWithoutChange(server, 'ResourceNotFoundException', () =>
      sm.send(new GetSecretValueCommand({ SecretId: 'no/such/secret' })),
    );
    assert.equal(error.message, "Secrets Manager can't find the specified secret.");
    const raw = await rawCall(server, 'DescribeSecret', { SecretId: 'no/such/secret' });
    assert.equal(raw.status, 400);
    assert.deepEqual(raw.body, {
      __type: 'ResourceNotFoundException',
      Message: "Secrets Manager can't find the specified secret.",
    });
  });

  it('checks the ClientRequestToken before the secret exists', async () => {
    for (const operation of ['CreateSecret', 'UpdateSecret', 'PutSecretValue']) {
      const body = {
        SecretString: 'thisisthesecret',
        ...(operation === 'CreateSecret' ? { Name: 'tokenless' } : { SecretId: 'tokenless' }),
      };
      const raw = await rawCall(server, operation, body);
      assert.equal(raw.status, 400);
      assert.deepEqual(raw.body, {
        __type: 'InvalidRequestException',
        Message: 'You must provide a ClientRequestToken value. We recommend a UUID-type value.',
      });
    }
  });

  it('gives the same invalid-name message for every operation', async () => {
    const message =
      'Invalid name. Must be a valid name containing alphanumeric characters, or any of the following: -/_+=.@!';
    for (const call of [
      () => sm.send(new CreateSecretCommand({ Name: 'Inv Name', SecretString: 'x' })),
      () => sm.send(new GetSecretValueCommand({ SecretId: ' Inv*Name? ' })),
      () => sm.send(new DescribeSecretCommand({ SecretId: 'Inv Name' })),
      () => sm.send(new DeleteSecretCommand({ SecretId: 'Inv Name' })),
    ]) {
      const error = await failsWithoutChange(server, 'ValidationException', call);
      assert.equal(error.message, message);
    }
  });

  it('validates members with AWS wording, never echoing a secret value', async () => {
    const error = await failsWithoutChange(server, 'ValidationException', () =>
      sm.send(new CreateSecretCommand({ Name: 'x', SecretString: 'y'.repeat(65537) })),
    );
    assert.equal(
      error.message,
      "1 validation error detected: Value at 'secretString' failed to satisfy constraint: Member must have length less than or equal to 65536",
    );
    const both = await failsWithoutChange(server, 'InvalidParameterException', () =>
      sm.send(new CreateSecretCommand({ Name: 'both', SecretString: 'a', SecretBinary: Buffer.from('b') })),
    );
    assert.equal(
      both.message,
      "You can't specify both a binary secret value and a string secret value in the same secret.",
    );
  });

  it('reads versions by id and stage, with AWS errors for mismatches', async () => {
    const mismatch = await failsWithoutChange(server, 'InvalidRequestException', () =>
      sm.send(
        new GetSecretValueCommand({ SecretId: 'app/db', VersionId: token(2), VersionStage: 'AWSCURRENT' }),
      ),
    );
    assert.equal(
      mismatch.message,
      'You provided a VersionStage that is not associated to the provided VersionId.',
    );
    const noVersion = await failsWithoutChange(server, 'ResourceNotFoundException', () =>
      sm.send(new GetSecretValueCommand({ SecretId: 'app/db', VersionId: token(99) })),
    );
    assert.equal(
      noVersion.message,
      `Secrets Manager can't find the specified secret value for VersionId: ${token(99)}`,
    );
    const noStage = await failsWithoutChange(server, 'ResourceNotFoundException', () =>
      sm.send(new GetSecretValueCommand({ SecretId: 'app/db', VersionStage: 'AWSPENDING' })),
    );
    assert.equal(
      noStage.message,
      "Secrets Manager can't find the specified secret value for staging label: AWSPENDING",
    );
  });

  it('stores binary secrets and gives them back as bytes', async () => {
    await sm.send(new CreateSecretCommand({ Name: 'app/cert', SecretBinary: Buffer.from(VALUES[3]!) }));
    const read = await sm.send(new GetSecretValueCommand({ SecretId: 'app/cert' }));
    assert.equal(Buffer.from(read.SecretBinary!).toString(), VALUES[3]);
    assert.equal(read.SecretString, undefined);
  });

  it('creates a secret with no value: no VersionId, no VersionIdsToStages, reads name AWSCURRENT', async () => {
    const created = await sm.send(new CreateSecretCommand({ Name: 'empty', Description: '' }));
    assert.equal(created.VersionId, undefined);
    const described = await sm.send(new DescribeSecretCommand({ SecretId: 'empty' }));
    assert.equal(described.VersionIdsToStages, undefined);
    assert.equal(described.Description, undefined);
    assert.equal(described.LastAccessedDate, undefined);
    assert.equal(described.RotationEnabled, undefined);
    assert.equal(described.Tags, undefined);
    const error = await failsWithoutChange(server, 'ResourceNotFoundException', () =>
      sm.send(new GetSecretValueCommand({ SecretId: 'empty' })),
    );
    assert.equal(
      error.message,
      "Secrets Manager can't find the specified secret value for staging label: AWSCURRENT",
    );
    const put = await sm.send(new PutSecretValueCommand({ SecretId: 'empty', SecretString: 'now-set' }));
    assert.deepEqual(put.VersionStages, ['AWSCURRENT']);
  });

  it('updates only the description without creating a version', async () => {
    const out = await sm.send(new UpdateSecretCommand({ SecretId: 'app/db', Description: 'the database' }));
    assert.equal(out.VersionId, undefined);
    const described = await sm.send(new DescribeSecretCommand({ SecretId: 'app/db' }));
    assert.equal(described.Description, 'the database');
    assert.equal(Object.keys(described.VersionIdsToStages ?? {}).length, 2);
    assert.ok(described.LastAccessedDate instanceof Date);
  });

  it('moves labels with UpdateSecretVersionStage, requiring RemoveFromVersionId for a held label', async () => {
    const missing = await failsWithoutChange(server, 'InvalidParameterException', () =>
      sm.send(
        new UpdateSecretVersionStageCommand({
          SecretId: 'app/db',
          VersionStage: 'AWSCURRENT',
          MoveToVersionId: token(1),
        }),
      ),
    );
    assert.match(missing.message, /RemoveFromVersionId can't be empty/);
    await sm.send(
      new UpdateSecretVersionStageCommand({
        SecretId: 'app/db',
        VersionStage: 'AWSCURRENT',
        MoveToVersionId: token(1),
        RemoveFromVersionId: token(3),
      }),
    );
    const described = await sm.send(new DescribeSecretCommand({ SecretId: 'app/db' }));
    assert.deepEqual(described.VersionIdsToStages, {
      [token(1)]: ['AWSCURRENT'],
      [token(3)]: ['AWSPREVIOUS'],
    });
    await sm.send(
      new UpdateSecretVersionStageCommand({
        SecretId: 'app/db',
        VersionStage: 'custom',
        MoveToVersionId: token(2),
      }),
    );
    await sm.send(
      new UpdateSecretVersionStageCommand({
        SecretId: 'app/db',
        VersionStage: 'custom',
        RemoveFromVersionId: token(2),
      }),
    );
    const removeCurrent = await failsWithoutChange(server, 'InvalidParameterException', () =>
      sm.send(
        new UpdateSecretVersionStageCommand({
          SecretId: 'app/db',
          VersionStage: 'AWSCURRENT',
          RemoveFromVersionId: token(1),
        }),
      ),
    );
    assert.match(removeCurrent.message, /AWSCURRENT/);
  });

  it('schedules deletion, refuses reads and same-name creation, and restores', async () => {
    await sm.send(new CreateSecretCommand({ Name: 'doomed', SecretString: 'doomed-value' }));
    const badWindow = await failsWithoutChange(server, 'InvalidParameterException', () =>
      sm.send(new DeleteSecretCommand({ SecretId: 'doomed', RecoveryWindowInDays: 6 })),
    );
    assert.equal(
      badWindow.message,
      'The RecoveryWindowInDays value must be between 7 and 30 days (inclusive).',
    );
    const both = await failsWithoutChange(server, 'InvalidParameterException', () =>
      sm.send(
        new DeleteSecretCommand({
          SecretId: 'doomed',
          RecoveryWindowInDays: 7,
          ForceDeleteWithoutRecovery: true,
        }),
      ),
    );
    assert.equal(
      both.message,
      "You can't use ForceDeleteWithoutRecovery in conjunction with RecoveryWindowInDays.",
    );
    const deleted = await sm.send(new DeleteSecretCommand({ SecretId: 'doomed', RecoveryWindowInDays: 7 }));
    const days = (deleted.DeletionDate!.getTime() - Date.now()) / 86_400_000;
    assert.ok(days > 6.9 && days <= 7, `deletion in ${days} days`);
    const read = await failsWithoutChange(server, 'InvalidRequestException', () =>
      sm.send(new GetSecretValueCommand({ SecretId: 'doomed' })),
    );
    assert.equal(
      read.message,
      "You can't perform this operation on the secret because it was marked for deletion.",
    );
    const recreate = await failsWithoutChange(server, 'InvalidRequestException', () =>
      sm.send(new CreateSecretCommand({ Name: 'doomed', SecretString: 'x' })),
    );
    assert.equal(
      recreate.message,
      "You can't create this secret because a secret with this name is already scheduled for deletion.",
    );
    const described = await sm.send(new DescribeSecretCommand({ SecretId: 'doomed' }));
    assert.ok(described.DeletedDate instanceof Date);
    const restored = await sm.send(new RestoreSecretCommand({ SecretId: 'doomed' }));
    assert.equal(restored.Name, 'doomed');
    assert.equal(
      (await sm.send(new GetSecretValueCommand({ SecretId: 'doomed' }))).SecretString,
      'doomed-value',
    );
    assert.equal((await sm.send(new DescribeSecretCommand({ SecretId: 'doomed' }))).DeletedDate, undefined);
  });

  it('force-deletes at once, and answers a forced delete of a secret it never had with 200', async () => {
    await sm.send(new CreateSecretCommand({ Name: 'gone', SecretString: 'gone-value' }));
    const out = await sm.send(
      new DeleteSecretCommand({ SecretId: 'gone', ForceDeleteWithoutRecovery: true }),
    );
    assert.equal(out.Name, 'gone');
    await failsWithoutChange(server, 'ResourceNotFoundException', () =>
      sm.send(new DescribeSecretCommand({ SecretId: 'gone' })),
    );
    const recreated = await sm.send(new CreateSecretCommand({ Name: 'gone', SecretString: 'again' }));
    assert.notEqual(recreated.ARN, out.ARN);
    const never = await sm.send(
      new DeleteSecretCommand({ SecretId: 'never-existed', ForceDeleteWithoutRecovery: true }),
    );
    assert.equal(never.Name, 'never-existed');
    assert.match(never.ARN!, /:secret:never-existed-/);
    assert.ok(never.DeletionDate instanceof Date);
    await failsWithoutChange(server, 'ResourceNotFoundException', () =>
      sm.send(new DeleteSecretCommand({ SecretId: 'never-existed' })),
    );
  });

  it('fails reads with DecryptionFailure and writes with EncryptionFailure when the key is disabled', async () => {
    const key = await server.kms().send(new CreateKeyCommand({}));
    const keyId = key.KeyMetadata!.KeyId!;
    await sm.send(new CreateSecretCommand({ Name: 'keyed', SecretString: 'keyed-value', KmsKeyId: keyId }));
    const listed = await sm.send(new ListSecretVersionIdsCommand({ SecretId: 'keyed' }));
    assert.deepEqual(listed.Versions?.[0]?.KmsKeyIds, [keyId]);
    await disableKey(server, keyId);
    const read = await failsWithoutChange(server, 'DecryptionFailure', () =>
      sm.send(new GetSecretValueCommand({ SecretId: 'keyed' })),
    );
    assert.equal(
      read.message,
      "Secrets Manager can't decrypt the protected secret text using the provided KMS key.",
    );
    const write = await failsWithoutChange(server, 'EncryptionFailure', () =>
      sm.send(new PutSecretValueCommand({ SecretId: 'keyed', SecretString: 'new-keyed' })),
    );
    assert.match(
      write.message,
      /^Secrets Manager can't encrypt the protected secret text using the provided KMS key/,
    );
  });

  it('serves /aws/reference/secretsmanager/ through SSM GetParameter(s), only WithDecryption', async () => {
    const ssm = server.ssm();
    const out = await ssm.send(
      new GetParameterCommand({ Name: '/aws/reference/secretsmanager/app/db', WithDecryption: true }),
    );
    const current = await sm.send(new GetSecretValueCommand({ SecretId: 'app/db' }));
    assert.equal(out.Parameter?.Type, 'SecureString');
    assert.equal(out.Parameter?.Value, current.SecretString);
    assert.equal(out.Parameter?.ARN, current.ARN);
    assert.equal(out.Parameter?.DataType, 'text');
    assert.equal(out.Parameter?.Version, 0);
    const source = JSON.parse(out.Parameter!.SourceResult!) as { Name: string; VersionIdsToStages: object };
    assert.equal(source.Name, 'app/db');
    assert.ok(source.VersionIdsToStages);
    const previous = await ssm.send(
      new GetParameterCommand({
        Name: '/aws/reference/secretsmanager/app/db:AWSPREVIOUS',
        WithDecryption: true,
      }),
    );
    assert.equal(previous.Parameter?.Value, VALUES[2]);
    assert.equal(previous.Parameter?.Selector, ':AWSPREVIOUS');
    const byVersion = await ssm.send(
      new GetParameterCommand({
        Name: `/aws/reference/secretsmanager/app/db:${token(2)}`,
        WithDecryption: true,
      }),
    );
    assert.equal(byVersion.Parameter?.Value, VALUES[1]);
    const noDecrypt = await awsError(() =>
      ssm.send(new GetParameterCommand({ Name: '/aws/reference/secretsmanager/app/db' })),
    );
    assert.equal(noDecrypt.name, 'ValidationException');
    assert.equal(
      noDecrypt.message,
      'WithDecryption flag must be True for retrieving a Secret Manager secret.',
    );
    const batch = await ssm.send(
      new GetParametersCommand({
        Names: ['/aws/reference/secretsmanager/app/db', '/aws/reference/secretsmanager/nope'],
        WithDecryption: true,
      }),
    );
    assert.equal(batch.Parameters?.length, 1);
    assert.deepEqual(batch.InvalidParameters, ['/aws/reference/secretsmanager/nope']);
  });

  it('keeps no secret value in plaintext on disk (hush.db, -wal, -shm) or in the server output', () => {
    assertNoPlaintext(server, VALUES);
  });
});
