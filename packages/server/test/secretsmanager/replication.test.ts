import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import {
  CreateSecretCommand,
  DeleteSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  RemoveRegionsFromReplicationCommand,
  ReplicateSecretToRegionsCommand,
  type SecretsManagerClient,
  StopReplicationToReplicaCommand,
} from '@aws-sdk/client-secrets-manager';
import { useHushServe } from '../support/useHushServe.js';
import { assertNoPlaintext, failsWithoutChange } from './fixtures.js';

const VALUES = ['replicated-Vb61', 'replicated-Nm22', 'created-with-replica-Jc90'];

describe('Secrets Manager replication across regions', () => {
  const server = useHushServe();
  let east: SecretsManagerClient;
  let west: SecretsManagerClient;
  let arn: string;
  before(async () => {
    east = server.secretsManager('us-east-1');
    west = server.secretsManager('eu-west-1');
    arn = (await east.send(new CreateSecretCommand({ Name: 'shared/api', SecretString: VALUES[0] }))).ARN!;
  });

  it('refuses a replica entry without a Region, whole and without a change', async () => {
    const refused = await failsWithoutChange(server, 'InvalidParameterException', () =>
      east.send(
        new ReplicateSecretToRegionsCommand({
          SecretId: 'shared/api',
          AddReplicaRegions: [{ Region: 'eu-central-1' }, {}],
        }),
      ),
    );
    assert.match(refused.message, /must name a Region/);
    await failsWithoutChange(server, 'InvalidParameterException', () =>
      east.send(
        new CreateSecretCommand({ Name: 'shared/no-region', SecretString: 'x', AddReplicaRegions: [{}] }),
      ),
    );
  });

  it('is invisible in another region until replicated', async () => {
    await failsWithoutChange(server, 'ResourceNotFoundException', () =>
      west.send(new GetSecretValueCommand({ SecretId: 'shared/api' })),
    );
  });

  it('replicates to a region: readable there under the same name and suffix, status InSync', async () => {
    const out = await east.send(
      new ReplicateSecretToRegionsCommand({
        SecretId: 'shared/api',
        AddReplicaRegions: [{ Region: 'eu-west-1' }],
      }),
    );
    assert.equal(out.ARN, arn);
    assert.deepEqual(out.ReplicationStatus, [
      { Region: 'eu-west-1', KmsKeyId: 'alias/aws/secretsmanager', Status: 'InSync' },
    ]);
    const replica = await west.send(new GetSecretValueCommand({ SecretId: 'shared/api' }));
    assert.equal(replica.SecretString, VALUES[0]);
    assert.equal(replica.ARN, arn.replace(':us-east-1:', ':eu-west-1:'));
    const described = await west.send(new DescribeSecretCommand({ SecretId: replica.ARN }));
    assert.equal(described.PrimaryRegion, 'us-east-1');
    const primary = await east.send(new DescribeSecretCommand({ SecretId: 'shared/api' }));
    assert.equal(primary.PrimaryRegion, 'us-east-1');
    assert.equal(primary.ReplicationStatus?.[0]?.Status, 'InSync');
  });

  it('carries the primary’s new versions to the replica', async () => {
    const put = await east.send(
      new PutSecretValueCommand({ SecretId: 'shared/api', SecretString: VALUES[1] }),
    );
    const replica = await west.send(new GetSecretValueCommand({ SecretId: 'shared/api' }));
    assert.equal(replica.SecretString, VALUES[1]);
    assert.equal(replica.VersionId, put.VersionId);
    const previous = await west.send(
      new GetSecretValueCommand({ SecretId: 'shared/api', VersionStage: 'AWSPREVIOUS' }),
    );
    assert.equal(previous.SecretString, VALUES[0]);
  });

  it('refuses writes to a replica and deleting a primary that has replicas', async () => {
    const write = await failsWithoutChange(server, 'InvalidRequestException', () =>
      west.send(new PutSecretValueCommand({ SecretId: 'shared/api', SecretString: 'nope' })),
    );
    assert.match(write.message, /replica/);
    const remove = await failsWithoutChange(server, 'InvalidRequestException', () =>
      east.send(new DeleteSecretCommand({ SecretId: 'shared/api' })),
    );
    assert.match(remove.message, /replica regions \[eu-west-1\]/);
  });

  it('reports Failed when the replica region already holds a secret of that name, unless forced', async () => {
    await west.send(new CreateSecretCommand({ Name: 'clash', SecretString: 'west-own' }));
    await east.send(new CreateSecretCommand({ Name: 'clash', SecretString: 'east-own' }));
    const failed = await east.send(
      new ReplicateSecretToRegionsCommand({
        SecretId: 'clash',
        AddReplicaRegions: [{ Region: 'eu-west-1' }],
      }),
    );
    assert.equal(failed.ReplicationStatus?.[0]?.Status, 'Failed');
    assert.match(failed.ReplicationStatus?.[0]?.StatusMessage ?? '', /already exists/);
    assert.equal(
      (await west.send(new GetSecretValueCommand({ SecretId: 'clash' }))).SecretString,
      'west-own',
    );
    const forced = await east.send(
      new ReplicateSecretToRegionsCommand({
        SecretId: 'clash',
        AddReplicaRegions: [{ Region: 'eu-west-1' }],
        ForceOverwriteReplicaSecret: true,
      }),
    );
    assert.equal(forced.ReplicationStatus?.[0]?.Status, 'InSync');
    assert.equal(
      (await west.send(new GetSecretValueCommand({ SecretId: 'clash' }))).SecretString,
      'east-own',
    );
  });

  it('creates a secret with replicas, removes a region, and promotes a replica', async () => {
    const created = await east.send(
      new CreateSecretCommand({
        Name: 'born/replicated',
        SecretString: VALUES[2],
        AddReplicaRegions: [{ Region: 'eu-west-1' }, { Region: 'ap-south-1' }],
      }),
    );
    assert.deepEqual(
      created.ReplicationStatus?.map((r) => [r.Region, r.Status]),
      [
        ['eu-west-1', 'InSync'],
        ['ap-south-1', 'InSync'],
      ],
    );
    const south = server.secretsManager('ap-south-1');
    assert.equal(
      (await south.send(new GetSecretValueCommand({ SecretId: 'born/replicated' }))).SecretString,
      VALUES[2],
    );
    const removed = await east.send(
      new RemoveRegionsFromReplicationCommand({
        SecretId: 'born/replicated',
        RemoveReplicaRegions: ['ap-south-1'],
      }),
    );
    assert.deepEqual(
      removed.ReplicationStatus?.map((r) => r.Region),
      ['eu-west-1'],
    );
    await failsWithoutChange(server, 'ResourceNotFoundException', () =>
      south.send(new GetSecretValueCommand({ SecretId: 'born/replicated' })),
    );
    const stopped = await west.send(new StopReplicationToReplicaCommand({ SecretId: 'born/replicated' }));
    assert.match(stopped.ARN!, /:eu-west-1:/);
    const standalone = await west.send(new DescribeSecretCommand({ SecretId: 'born/replicated' }));
    assert.equal(standalone.PrimaryRegion, undefined);
    const primary = await east.send(new DescribeSecretCommand({ SecretId: 'born/replicated' }));
    assert.equal(primary.ReplicationStatus, undefined);
    await west.send(
      new PutSecretValueCommand({ SecretId: 'born/replicated', SecretString: 'now-independent' }),
    );
    assert.equal(
      (await east.send(new GetSecretValueCommand({ SecretId: 'born/replicated' }))).SecretString,
      VALUES[2],
    );
  });

  it('keeps replicated values encrypted on disk', () => {
    assertNoPlaintext(server, VALUES);
  });
});
