import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import {
  CreateKeyCommand,
  DecryptCommand,
  DisableKeyCommand,
  DisableKeyRotationCommand,
  EnableKeyRotationCommand,
  EncryptCommand,
  GenerateDataKeyCommand,
  GenerateDataKeyWithoutPlaintextCommand,
  GenerateRandomCommand,
  GetKeyRotationStatusCommand,
  type KMSClient,
  ListKeyRotationsCommand,
  ReEncryptCommand,
  RotateKeyOnDemandCommand,
  ScheduleKeyDeletionCommand,
} from '@aws-sdk/client-kms';
import { awsError } from '../support/hushServe.js';
import { rawPost } from '../support/rawClient.js';
import { useHushServe } from '../support/useHushServe.js';

const text = (bytes: Uint8Array | undefined) => Buffer.from(bytes ?? []).toString('utf8');

describe('KMS cryptography', () => {
  const server = useHushServe({ inMemory: true });
  let kms: KMSClient;
  const newKey = async () => (await kms.send(new CreateKeyCommand({}))).KeyMetadata!;
  const encrypt = async (keyId: string, plaintext: string, context?: Record<string, string>) =>
    (
      await kms.send(
        new EncryptCommand({ KeyId: keyId, Plaintext: Buffer.from(plaintext), EncryptionContext: context }),
      )
    ).CiphertextBlob!;

  before(async () => {
    kms = server.kms();
  });

  it('encrypts and decrypts with an encryption context, answering with the key ARN and algorithm', async () => {
    const key = await newKey();
    const context = { purpose: 'test', tenant: 'a' };
    const out = await kms.send(
      new EncryptCommand({ KeyId: key.KeyId, Plaintext: Buffer.from('hello'), EncryptionContext: context }),
    );
    assert.equal(out.KeyId, key.Arn);
    assert.equal(out.EncryptionAlgorithm, 'SYMMETRIC_DEFAULT');
    assert.ok(!Buffer.from(out.CiphertextBlob!).includes(Buffer.from('hello')));
    const back = await kms.send(
      new DecryptCommand({ CiphertextBlob: out.CiphertextBlob, EncryptionContext: context }),
    );
    assert.equal(text(back.Plaintext), 'hello');
    assert.equal(back.KeyId, key.Arn);
    assert.equal(back.EncryptionAlgorithm, 'SYMMETRIC_DEFAULT');
    const named = await kms.send(
      new DecryptCommand({ CiphertextBlob: out.CiphertextBlob, EncryptionContext: context, KeyId: key.Arn }),
    );
    assert.equal(text(named.Plaintext), 'hello');
  });

  it('fails a wrong or missing context and a tampered blob with an empty InvalidCiphertextException', async () => {
    const key = await newKey();
    const blob = await encrypt(key.KeyId!, 'secret', { a: 'b' });
    const tampered = Buffer.from(blob);
    tampered[tampered.length - 1]! ^= 1;
    const requests: { CiphertextBlob: Uint8Array; EncryptionContext?: Record<string, string> }[] = [
      { CiphertextBlob: blob },
      { CiphertextBlob: blob, EncryptionContext: { a: 'c' } },
      { CiphertextBlob: blob, EncryptionContext: { a: 'b', extra: '' } },
      { CiphertextBlob: tampered, EncryptionContext: { a: 'b' } },
      { CiphertextBlob: Buffer.from('not a blob at all, just bytes') },
    ];
    for (const request of requests) {
      const error = await awsError(() => kms.send(new DecryptCommand(request)));
      assert.equal(error.name, 'InvalidCiphertextException');
      assert.equal(error.status, 400);
    }
    // The SDK shows an empty message as 'UnknownError'; the wire carries AWS's empty message.
    const raw = await rawPost(
      server.url,
      'TrentService.Decrypt',
      JSON.stringify({ CiphertextBlob: Buffer.from(blob).toString('base64'), EncryptionContext: { a: 'x' } }),
    );
    assert.equal(raw.status, 400);
    assert.deepEqual(JSON.parse(raw.text), { __type: 'InvalidCiphertextException', message: '' });
  });

  it('answers Decrypt by key state and key naming as AWS does', async () => {
    const key = await newKey();
    const other = await newKey();
    const blob = await encrypt(key.KeyId!, 'x');
    const wrongKey = await awsError(() =>
      kms.send(new DecryptCommand({ CiphertextBlob: blob, KeyId: other.KeyId })),
    );
    assert.equal(wrongKey.name, 'IncorrectKeyException');
    assert.equal(
      wrongKey.message,
      'The key ID in the request does not identify a CMK that can perform this operation.',
    );
    const unknown = await awsError(() =>
      kms.send(new DecryptCommand({ CiphertextBlob: blob, KeyId: 'alias/does-not-exist' })),
    );
    assert.equal(unknown.name, 'NotFoundException');

    await kms.send(new DisableKeyCommand({ KeyId: key.KeyId }));
    const disabled = await awsError(() => kms.send(new DecryptCommand({ CiphertextBlob: blob })));
    assert.equal(disabled.name, 'DisabledException');
    assert.equal(disabled.message, `${key.Arn} is disabled.`);

    const pendingBlob = await encrypt(other.KeyId!, 'y');
    await kms.send(new ScheduleKeyDeletionCommand({ KeyId: other.KeyId, PendingWindowInDays: 7 }));
    const pending = await awsError(() => kms.send(new DecryptCommand({ CiphertextBlob: pendingBlob })));
    assert.equal(pending.name, 'KMSInvalidStateException');
    assert.equal(pending.message, `${other.Arn} is pending deletion.`);
  });

  it('honours DryRun and refuses asymmetric algorithms on a symmetric key', async () => {
    const key = await newKey();
    const dry = await awsError(() =>
      kms.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: Buffer.from('x'), DryRun: true })),
    );
    assert.equal(dry.name, 'DryRunOperationException');
    const algorithm = await awsError(() =>
      kms.send(
        new EncryptCommand({
          KeyId: key.KeyId,
          Plaintext: Buffer.from('x'),
          EncryptionAlgorithm: 'RSAES_OAEP_SHA_1',
        }),
      ),
    );
    assert.equal(algorithm.name, 'InvalidKeyUsageException');
  });

  it('re-encrypts under another key and context', async () => {
    const source = await newKey();
    const destination = await newKey();
    const blob = await encrypt(source.KeyId!, 'move me', { from: 'here' });
    const out = await kms.send(
      new ReEncryptCommand({
        CiphertextBlob: blob,
        SourceEncryptionContext: { from: 'here' },
        DestinationKeyId: destination.KeyId,
        DestinationEncryptionContext: { to: 'there' },
      }),
    );
    assert.equal(out.SourceKeyId, source.Arn);
    assert.equal(out.KeyId, destination.Arn);
    assert.equal(out.SourceEncryptionAlgorithm, 'SYMMETRIC_DEFAULT');
    assert.equal(out.DestinationEncryptionAlgorithm, 'SYMMETRIC_DEFAULT');
    const back = await kms.send(
      new DecryptCommand({ CiphertextBlob: out.CiphertextBlob, EncryptionContext: { to: 'there' } }),
    );
    assert.equal(text(back.Plaintext), 'move me');
    assert.equal(back.KeyId, destination.Arn);

    const wrongSourceContext = await awsError(() =>
      kms.send(new ReEncryptCommand({ CiphertextBlob: blob, DestinationKeyId: destination.KeyId })),
    );
    assert.equal(wrongSourceContext.name, 'InvalidCiphertextException');
    const wrongSourceKey = await awsError(() =>
      kms.send(
        new ReEncryptCommand({
          CiphertextBlob: blob,
          SourceKeyId: destination.KeyId,
          SourceEncryptionContext: { from: 'here' },
          DestinationKeyId: destination.KeyId,
        }),
      ),
    );
    assert.equal(wrongSourceKey.name, 'IncorrectKeyException');
    await kms.send(new DisableKeyCommand({ KeyId: destination.KeyId }));
    const disabledDestination = await awsError(() =>
      kms.send(
        new ReEncryptCommand({
          CiphertextBlob: blob,
          SourceEncryptionContext: { from: 'here' },
          DestinationKeyId: destination.KeyId,
        }),
      ),
    );
    assert.equal(disabledDestination.name, 'DisabledException');
  });

  it('generates data keys by KeySpec or NumberOfBytes, exactly one of them', async () => {
    const key = await newKey();
    const aes256 = await kms.send(
      new GenerateDataKeyCommand({ KeyId: key.KeyId, KeySpec: 'AES_256', EncryptionContext: { k: 'v' } }),
    );
    assert.equal(aes256.Plaintext?.length, 32);
    assert.equal(aes256.KeyId, key.Arn);
    const opened = await kms.send(
      new DecryptCommand({ CiphertextBlob: aes256.CiphertextBlob, EncryptionContext: { k: 'v' } }),
    );
    assert.deepEqual(Buffer.from(opened.Plaintext!), Buffer.from(aes256.Plaintext!));
    const noContext = await awsError(() =>
      kms.send(new DecryptCommand({ CiphertextBlob: aes256.CiphertextBlob })),
    );
    assert.equal(noContext.name, 'InvalidCiphertextException');

    const aes128 = await kms.send(new GenerateDataKeyCommand({ KeyId: key.KeyId, KeySpec: 'AES_128' }));
    assert.equal(aes128.Plaintext?.length, 16);
    const seven = await kms.send(new GenerateDataKeyCommand({ KeyId: key.KeyId, NumberOfBytes: 7 }));
    assert.equal(seven.Plaintext?.length, 7);

    const withoutPlaintext = await kms.send(
      new GenerateDataKeyWithoutPlaintextCommand({ KeyId: key.KeyId, KeySpec: 'AES_256' }),
    );
    assert.equal(withoutPlaintext.KeyId, key.Arn);
    assert.equal((withoutPlaintext as { Plaintext?: unknown }).Plaintext, undefined);
    const decrypted = await kms.send(new DecryptCommand({ CiphertextBlob: withoutPlaintext.CiphertextBlob }));
    assert.equal(decrypted.Plaintext?.length, 32);

    for (const request of [{}, { KeySpec: 'AES_256' as const, NumberOfBytes: 32 }]) {
      const error = await awsError(() =>
        kms.send(new GenerateDataKeyCommand({ KeyId: key.KeyId, ...request })),
      );
      assert.equal(error.name, 'ValidationException');
      assert.equal(error.message, 'Please specify either number of bytes or key spec.');
    }
    const tooMany = await awsError(() =>
      kms.send(new GenerateDataKeyCommand({ KeyId: key.KeyId, NumberOfBytes: 1025 })),
    );
    assert.equal(
      tooMany.message,
      "1 validation error detected: Value '1025' at 'numberOfBytes' failed to satisfy constraint: Member must have value less than or equal to 1024",
    );
  });

  it('generates random bytes, 1–1024 of them', async () => {
    for (const n of [1, 44, 1024]) {
      const out = await kms.send(new GenerateRandomCommand({ NumberOfBytes: n }));
      assert.equal(out.Plaintext?.length, n);
    }
    const missing = await awsError(() => kms.send(new GenerateRandomCommand({})));
    assert.equal(missing.name, 'ValidationException');
    assert.equal(missing.message, 'NumberOfBytes is required.');
    const zero = await awsError(() => kms.send(new GenerateRandomCommand({ NumberOfBytes: 0 })));
    assert.equal(
      zero.message,
      "1 validation error detected: Value '0' at 'numberOfBytes' failed to satisfy constraint: Member must have value greater than or equal to 1",
    );
    const over = await awsError(() => kms.send(new GenerateRandomCommand({ NumberOfBytes: 1025 })));
    assert.equal(
      over.message,
      "1 validation error detected: Value '1025' at 'numberOfBytes' failed to satisfy constraint: Member must have value less than or equal to 1024",
    );
  });

  it('enables, reports and disables rotation; RotationPeriodInDays is 90–2560', async () => {
    const key = await newKey();
    const off = await kms.send(new GetKeyRotationStatusCommand({ KeyId: key.KeyId }));
    assert.equal(off.KeyRotationEnabled, false);
    assert.equal(off.RotationPeriodInDays, undefined);
    await kms.send(new EnableKeyRotationCommand({ KeyId: key.KeyId }));
    const on = await kms.send(new GetKeyRotationStatusCommand({ KeyId: key.KeyId }));
    assert.equal(on.KeyRotationEnabled, true);
    assert.equal(on.RotationPeriodInDays, 365);
    assert.equal(on.KeyId, key.Arn);
    assert.ok(on.NextRotationDate instanceof Date);
    await kms.send(new EnableKeyRotationCommand({ KeyId: key.KeyId, RotationPeriodInDays: 90 }));
    assert.equal(
      (await kms.send(new GetKeyRotationStatusCommand({ KeyId: key.KeyId }))).RotationPeriodInDays,
      90,
    );
    for (const days of [89, 2561]) {
      const error = await awsError(() =>
        kms.send(new EnableKeyRotationCommand({ KeyId: key.KeyId, RotationPeriodInDays: days })),
      );
      assert.equal(error.name, 'ValidationException');
      assert.match(error.message, /at 'rotationPeriodInDays' failed to satisfy constraint/);
    }
    await kms.send(new DisableKeyRotationCommand({ KeyId: key.KeyId }));
    assert.equal(
      (await kms.send(new GetKeyRotationStatusCommand({ KeyId: key.KeyId }))).KeyRotationEnabled,
      false,
    );
    await kms.send(new DisableKeyCommand({ KeyId: key.KeyId }));
    const disabled = await awsError(() => kms.send(new EnableKeyRotationCommand({ KeyId: key.KeyId })));
    assert.equal(disabled.name, 'DisabledException');
  });

  it('rotates on demand: new material for new ciphertexts, old ciphertexts keep decrypting', async () => {
    const key = await newKey();
    const before = await encrypt(key.KeyId!, 'old material', { v: '1' });
    const rotated = await kms.send(new RotateKeyOnDemandCommand({ KeyId: key.Arn }));
    assert.equal(rotated.KeyId, key.KeyId);
    const afterBlob = await encrypt(key.KeyId!, 'new material', { v: '2' });
    const old = await kms.send(new DecryptCommand({ CiphertextBlob: before, EncryptionContext: { v: '1' } }));
    assert.equal(text(old.Plaintext), 'old material');
    const fresh = await kms.send(
      new DecryptCommand({ CiphertextBlob: afterBlob, EncryptionContext: { v: '2' } }),
    );
    assert.equal(text(fresh.Plaintext), 'new material');
    assert.notDeepEqual(Buffer.from(before).subarray(0, 21), Buffer.from(afterBlob).subarray(0, 21));

    const list = await kms.send(new ListKeyRotationsCommand({ KeyId: key.KeyId }));
    assert.equal(list.Rotations?.length, 1);
    assert.equal(list.Rotations?.[0]?.RotationType, 'ON_DEMAND');
    assert.equal(list.Rotations?.[0]?.KeyId, key.KeyId);
    assert.ok(list.Rotations?.[0]?.RotationDate instanceof Date);
    assert.equal(list.Truncated, false);

    for (let i = 1; i < 10; i++) await kms.send(new RotateKeyOnDemandCommand({ KeyId: key.KeyId }));
    const limit = await awsError(() => kms.send(new RotateKeyOnDemandCommand({ KeyId: key.KeyId })));
    assert.equal(limit.name, 'LimitExceededException');
    const page = await kms.send(new ListKeyRotationsCommand({ KeyId: key.KeyId, Limit: 4 }));
    assert.equal(page.Rotations?.length, 4);
    assert.equal(page.Truncated, true);
    assert.ok(page.NextMarker);
    const old2 = await kms.send(
      new DecryptCommand({ CiphertextBlob: before, EncryptionContext: { v: '1' } }),
    );
    assert.equal(text(old2.Plaintext), 'old material');
  });
});
