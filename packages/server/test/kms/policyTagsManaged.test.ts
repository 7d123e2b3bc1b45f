import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import {
  CancelKeyDeletionCommand,
  CreateAliasCommand,
  CreateKeyCommand,
  DescribeKeyCommand,
  DisableKeyCommand,
  DisableKeyRotationCommand,
  EnableKeyCommand,
  EnableKeyRotationCommand,
  EncryptCommand,
  GenerateDataKeyCommand,
  GetKeyPolicyCommand,
  GetKeyRotationStatusCommand,
  type KMSClient,
  ListKeyPoliciesCommand,
  ListResourceTagsCommand,
  PutKeyPolicyCommand,
  RotateKeyOnDemandCommand,
  ScheduleKeyDeletionCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateAliasCommand,
  UpdateKeyDescriptionCommand,
} from '@aws-sdk/client-kms';
import { awsError } from '../support/hushServe.js';
import { storeDigest } from '../support/storeDigest.js';
import { useHushServe } from '../support/useHushServe.js';

const ACCOUNT = '000000000000';
const POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' },
  ],
});

describe('KMS policies, tags, AWS-managed keys and key states', () => {
  const server = useHushServe();
  let kms: KMSClient;
  const newKey = async () => (await kms.send(new CreateKeyCommand({}))).KeyMetadata!;
  // Every failure below must leave the store byte-identical.
  const failsUnchanged = async (fn: () => Promise<unknown>) => {
    const before = storeDigest(server.dataDir);
    const error = await awsError(fn);
    assert.equal(storeDigest(server.dataDir), before, `${error.name} changed the store`);
    return error;
  };

  before(async () => {
    kms = server.kms();
  });

  it('gets, puts and lists the key policy; only "default" and only JSON policies', async () => {
    const key = await newKey();
    const initial = await kms.send(new GetKeyPolicyCommand({ KeyId: key.KeyId, PolicyName: 'default' }));
    assert.equal(initial.PolicyName, 'default');
    const parsed = JSON.parse(initial.Policy!) as { Id: string; Statement: { Principal: { AWS: string } }[] };
    assert.equal(parsed.Id, 'key-default-1');
    assert.equal(parsed.Statement[0]?.Principal.AWS, `arn:aws:iam::${ACCOUNT}:root`);
    await kms.send(new PutKeyPolicyCommand({ KeyId: key.KeyId, PolicyName: 'default', Policy: POLICY }));
    assert.equal((await kms.send(new GetKeyPolicyCommand({ KeyId: key.KeyId }))).Policy, POLICY);
    const names = await kms.send(new ListKeyPoliciesCommand({ KeyId: key.KeyId }));
    assert.deepEqual(names.PolicyNames, ['default']);
    assert.equal(names.Truncated, false);

    const malformed = await failsUnchanged(() =>
      kms.send(new PutKeyPolicyCommand({ KeyId: key.KeyId, PolicyName: 'default', Policy: '{not json' })),
    );
    assert.equal(malformed.name, 'MalformedPolicyDocumentException');
    const noStatement = await failsUnchanged(() =>
      kms.send(new PutKeyPolicyCommand({ KeyId: key.KeyId, Policy: '{"Version":"2012-10-17"}' })),
    );
    assert.equal(noStatement.name, 'MalformedPolicyDocumentException');
    const otherName = await failsUnchanged(() =>
      kms.send(new PutKeyPolicyCommand({ KeyId: key.KeyId, PolicyName: 'mine', Policy: POLICY })),
    );
    assert.equal(otherName.name, 'UnsupportedOperationException');
    const getOther = await awsError(() =>
      kms.send(new GetKeyPolicyCommand({ KeyId: key.KeyId, PolicyName: 'mine' })),
    );
    assert.equal(getOther.name, 'NotFoundException');
  });

  it('tags and untags keys, refusing reserved, duplicate and too many tags', async () => {
    const key = await (async () =>
      (
        await kms.send(
          new CreateKeyCommand({
            Tags: [
              { TagKey: 'tag1', TagValue: 'value1' },
              { TagKey: 'tag2', TagValue: 'value2' },
            ],
          }),
        )
      ).KeyMetadata!)();
    await kms.send(
      new TagResourceCommand({
        KeyId: key.KeyId,
        Tags: [
          { TagKey: 'tag2', TagValue: 'updated' },
          { TagKey: 'tag3', TagValue: '' },
        ],
      }),
    );
    const listed = await kms.send(new ListResourceTagsCommand({ KeyId: key.KeyId }));
    assert.deepEqual(listed.Tags, [
      { TagKey: 'tag1', TagValue: 'value1' },
      { TagKey: 'tag2', TagValue: 'updated' },
      { TagKey: 'tag3', TagValue: '' },
    ]);
    assert.equal(listed.Truncated, false);
    const paged = await kms.send(new ListResourceTagsCommand({ KeyId: key.KeyId, Limit: 2 }));
    assert.equal(paged.Tags?.length, 2);
    assert.equal(paged.Truncated, true);
    const rest = await kms.send(new ListResourceTagsCommand({ KeyId: key.KeyId, Marker: paged.NextMarker }));
    assert.deepEqual(rest.Tags, [{ TagKey: 'tag3', TagValue: '' }]);

    await kms.send(new UntagResourceCommand({ KeyId: key.KeyId, TagKeys: ['tag1', 'not-there'] }));
    const after = await kms.send(new ListResourceTagsCommand({ KeyId: key.KeyId }));
    assert.deepEqual(
      after.Tags?.map((t) => t.TagKey),
      ['tag2', 'tag3'],
    );

    const reserved = await failsUnchanged(() =>
      kms.send(new TagResourceCommand({ KeyId: key.KeyId, Tags: [{ TagKey: 'AWS:key1', TagValue: 'v' }] })),
    );
    assert.equal(reserved.name, 'TagException');
    assert.equal(reserved.message, 'Tags beginning with aws: are reserved');
    const duplicate = await failsUnchanged(() =>
      kms.send(
        new TagResourceCommand({
          KeyId: key.KeyId,
          Tags: [
            { TagKey: 'tag9', TagValue: 'a' },
            { TagKey: 'tag9', TagValue: 'b' },
          ],
        }),
      ),
    );
    assert.equal(duplicate.name, 'TagException');
    const many = Array.from({ length: 49 }, (_, i) => ({ TagKey: `k${i}`, TagValue: 'v' }));
    const tooMany = await failsUnchanged(() =>
      kms.send(new TagResourceCommand({ KeyId: key.KeyId, Tags: many })),
    );
    assert.equal(tooMany.name, 'TagException');
    const longKey = await failsUnchanged(() =>
      kms.send(
        new TagResourceCommand({ KeyId: key.KeyId, Tags: [{ TagKey: 'a'.repeat(129), TagValue: 'v' }] }),
      ),
    );
    assert.equal(longKey.name, 'ValidationException');
    assert.match(
      longKey.message,
      /at 'tags\.1\.member\.tagKey' failed to satisfy constraint: Member must have length less than or equal to 128/,
    );
    const createReserved = await awsError(() =>
      kms.send(new CreateKeyCommand({ Tags: [{ TagKey: 'aws:x', TagValue: 'v' }] })),
    );
    assert.equal(createReserved.name, 'TagException');
  });

  it('creates AWS-managed keys on first use and refuses what their policy refuses', async () => {
    const out = await kms.send(
      new EncryptCommand({ KeyId: 'alias/aws/secretsmanager', Plaintext: Buffer.from('x') }),
    );
    const managed = (await kms.send(new DescribeKeyCommand({ KeyId: 'alias/aws/secretsmanager' })))
      .KeyMetadata!;
    assert.equal(out.KeyId, managed.Arn);
    assert.equal(managed.KeyManager, 'AWS');
    assert.equal(
      managed.Description,
      'Default key that protects my Secrets Manager data when no other key is defined',
    );
    const policy = JSON.parse(
      (await kms.send(new GetKeyPolicyCommand({ KeyId: managed.KeyId }))).Policy!,
    ) as {
      Id: string;
    };
    assert.equal(policy.Id, 'auto-secretsmanager');
    const rotation = await kms.send(new GetKeyRotationStatusCommand({ KeyId: managed.KeyId }));
    assert.equal(rotation.KeyRotationEnabled, true);

    const refusals: [string, () => Promise<unknown>][] = [
      ['kms:DisableKey', () => kms.send(new DisableKeyCommand({ KeyId: managed.KeyId }))],
      ['kms:EnableKey', () => kms.send(new EnableKeyCommand({ KeyId: managed.KeyId }))],
      ['kms:ScheduleKeyDeletion', () => kms.send(new ScheduleKeyDeletionCommand({ KeyId: managed.KeyId }))],
      ['kms:CancelKeyDeletion', () => kms.send(new CancelKeyDeletionCommand({ KeyId: managed.KeyId }))],
      ['kms:PutKeyPolicy', () => kms.send(new PutKeyPolicyCommand({ KeyId: managed.KeyId, Policy: POLICY }))],
      [
        'kms:TagResource',
        () =>
          kms.send(new TagResourceCommand({ KeyId: managed.KeyId, Tags: [{ TagKey: 'a', TagValue: 'b' }] })),
      ],
      [
        'kms:UntagResource',
        () => kms.send(new UntagResourceCommand({ KeyId: managed.KeyId, TagKeys: ['a'] })),
      ],
      [
        'kms:UpdateKeyDescription',
        () => kms.send(new UpdateKeyDescriptionCommand({ KeyId: managed.KeyId, Description: 'mine' })),
      ],
      ['kms:EnableKeyRotation', () => kms.send(new EnableKeyRotationCommand({ KeyId: managed.KeyId }))],
      ['kms:DisableKeyRotation', () => kms.send(new DisableKeyRotationCommand({ KeyId: managed.KeyId }))],
      ['kms:RotateKeyOnDemand', () => kms.send(new RotateKeyOnDemandCommand({ KeyId: managed.KeyId }))],
      [
        'kms:CreateAlias',
        () => kms.send(new CreateAliasCommand({ AliasName: 'alias/mine', TargetKeyId: managed.KeyId })),
      ],
    ];
    for (const [action, call] of refusals) {
      const error = await failsUnchanged(call);
      assert.equal(error.name, 'AccessDeniedException', action);
      assert.equal(
        error.message,
        `User: arn:aws:iam::${ACCOUNT}:root is not authorized to perform: ${action} on resource: ${managed.Arn} because no resource-based policy allows the ${action} action`,
      );
    }
    const customer = await newKey();
    const retarget = await failsUnchanged(() =>
      kms.send(
        new UpdateAliasCommand({ AliasName: 'alias/aws/secretsmanager', TargetKeyId: customer.KeyId }),
      ),
    );
    assert.equal(retarget.name, 'NotAuthorizedException');
  });

  it('answers every key operation on a key pending deletion as AWS does, changing nothing', async () => {
    const key = await newKey();
    const blob = (await kms.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: Buffer.from('x') })))
      .CiphertextBlob;
    await kms.send(new ScheduleKeyDeletionCommand({ KeyId: key.KeyId, PendingWindowInDays: 7 }));
    const refused: [string, () => Promise<unknown>][] = [
      ['Encrypt', () => kms.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: Buffer.from('x') }))],
      [
        'GenerateDataKey',
        () => kms.send(new GenerateDataKeyCommand({ KeyId: key.KeyId, KeySpec: 'AES_256' })),
      ],
      ['EnableKey', () => kms.send(new EnableKeyCommand({ KeyId: key.KeyId }))],
      ['DisableKey', () => kms.send(new DisableKeyCommand({ KeyId: key.KeyId }))],
      ['ScheduleKeyDeletion', () => kms.send(new ScheduleKeyDeletionCommand({ KeyId: key.KeyId }))],
      [
        'UpdateKeyDescription',
        () => kms.send(new UpdateKeyDescriptionCommand({ KeyId: key.KeyId, Description: 'd' })),
      ],
      [
        'TagResource',
        () => kms.send(new TagResourceCommand({ KeyId: key.KeyId, Tags: [{ TagKey: 'a', TagValue: 'b' }] })),
      ],
      ['UntagResource', () => kms.send(new UntagResourceCommand({ KeyId: key.KeyId, TagKeys: ['a'] }))],
      ['EnableKeyRotation', () => kms.send(new EnableKeyRotationCommand({ KeyId: key.KeyId }))],
      ['DisableKeyRotation', () => kms.send(new DisableKeyRotationCommand({ KeyId: key.KeyId }))],
      ['RotateKeyOnDemand', () => kms.send(new RotateKeyOnDemandCommand({ KeyId: key.KeyId }))],
      [
        'CreateAlias',
        () => kms.send(new CreateAliasCommand({ AliasName: 'alias/pending', TargetKeyId: key.KeyId })),
      ],
    ];
    for (const [operation, call] of refused) {
      const error = await failsUnchanged(call);
      assert.equal(error.name, 'KMSInvalidStateException', operation);
      assert.equal(error.message, `${key.Arn} is pending deletion.`, operation);
    }
    assert.ok(blob);
    // Reads still work on a key pending deletion.
    assert.equal(
      (await kms.send(new DescribeKeyCommand({ KeyId: key.KeyId }))).KeyMetadata?.KeyState,
      'PendingDeletion',
    );
    await kms.send(new GetKeyPolicyCommand({ KeyId: key.KeyId }));
    await kms.send(new ListResourceTagsCommand({ KeyId: key.KeyId }));
    await kms.send(new GetKeyRotationStatusCommand({ KeyId: key.KeyId }));
    await kms.send(new PutKeyPolicyCommand({ KeyId: key.KeyId, Policy: POLICY }));
  });

  it('answers an unknown key the same way in every key operation, changing nothing', async () => {
    const missing = '11111111-2222-3333-4444-555555555555';
    const message = `Key 'arn:aws:kms:us-east-1:${ACCOUNT}:key/${missing}' does not exist`;
    const calls: (() => Promise<unknown>)[] = [
      () => kms.send(new EnableKeyCommand({ KeyId: missing })),
      () => kms.send(new DisableKeyCommand({ KeyId: missing })),
      () => kms.send(new ScheduleKeyDeletionCommand({ KeyId: missing })),
      () => kms.send(new CancelKeyDeletionCommand({ KeyId: missing })),
      () => kms.send(new GetKeyPolicyCommand({ KeyId: missing })),
      () => kms.send(new PutKeyPolicyCommand({ KeyId: missing, Policy: POLICY })),
      () => kms.send(new ListResourceTagsCommand({ KeyId: missing })),
      () => kms.send(new TagResourceCommand({ KeyId: missing, Tags: [{ TagKey: 'a', TagValue: 'b' }] })),
      () => kms.send(new GetKeyRotationStatusCommand({ KeyId: missing })),
      () => kms.send(new RotateKeyOnDemandCommand({ KeyId: missing })),
      () => kms.send(new GenerateDataKeyCommand({ KeyId: missing, KeySpec: 'AES_256' })),
      () => kms.send(new EncryptCommand({ KeyId: missing, Plaintext: Buffer.from('x') })),
    ];
    for (const call of calls) {
      const error = await failsUnchanged(call);
      assert.equal(error.name, 'NotFoundException');
      assert.equal(error.message, message);
    }
    // A failed request that named alias/aws/ssm for the first time does not leave the key behind.
    const before = storeDigest(server.dataDir);
    await awsError(() =>
      kms.send(new EncryptCommand({ KeyId: 'alias/aws/ssm', Plaintext: Buffer.from('x'), DryRun: true })),
    );
    assert.equal(storeDigest(server.dataDir), before);
  });
});
