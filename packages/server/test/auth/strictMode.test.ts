import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { CreateKeyCommand, DecryptCommand, EncryptCommand, KMSClient } from '@aws-sdk/client-kms';
import aws4 from 'aws4';
import { awsError } from '../support/hushServe.js';
import { ACCOUNT, KEYS } from './fixtures/strictConfig.js';
import { useStrictHushServe } from './fixtures/useStrictHushServe.js';

const PLAINTEXT = 'env-var-plaintext-4f9c2';
const ORDERS_CONTEXT = { LambdaFunctionName: 'orders' };

describe('hush serve --strict', () => {
  const server = useStrictHushServe({ inMemory: true });
  let keyId: string;
  let ordersCiphertext: Uint8Array;
  const kms = (
    credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string },
    extra = {},
  ) => new KMSClient({ endpoint: server.url, region: 'us-east-1', credentials, maxAttempts: 1, ...extra });

  before(async () => {
    const created = await kms(KEYS.admin).send(new CreateKeyCommand({ Description: 'lambda env' }));
    keyId = created.KeyMetadata!.KeyId!;
    const encrypted = await kms(KEYS.admin).send(
      new EncryptCommand({
        KeyId: keyId,
        Plaintext: Buffer.from(PLAINTEXT),
        EncryptionContext: ORDERS_CONTEXT,
      }),
    );
    ordersCiphertext = encrypted.CiphertextBlob!;
  });

  describe('SigV4', () => {
    it('refuses a wrong secret key with InvalidSignatureException', async () => {
      const error = await awsError(() =>
        kms({ accessKeyId: KEYS.alice.accessKeyId, secretAccessKey: 'not-the-secret' }).send(
          new EncryptCommand({ KeyId: keyId, Plaintext: Buffer.from('x') }),
        ),
      );
      assert.deepEqual(error, {
        name: 'InvalidSignatureException',
        message:
          'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
        status: 400,
      });
    });

    it('refuses an unknown access key with UnrecognizedClientException', async () => {
      const error = await awsError(() =>
        kms({ accessKeyId: 'AKIANOBODY', secretAccessKey: 'whatever' }).send(new CreateKeyCommand({})),
      );
      assert.deepEqual(error, {
        name: 'UnrecognizedClientException',
        message: 'The security token included in the request is invalid.',
        status: 400,
      });
    });

    it('refuses a role key without its session token', async () => {
      const { sessionToken: _, ...withoutToken } = KEYS.orders;
      const error = await awsError(() => kms(withoutToken).send(new CreateKeyCommand({})));
      assert.equal(error.name, 'UnrecognizedClientException');
    });

    it('refuses an expired session with ExpiredTokenException', async () => {
      const error = await awsError(() => kms(KEYS.expired).send(new CreateKeyCommand({})));
      assert.deepEqual(error, {
        name: 'ExpiredTokenException',
        message: 'The security token included in the request is expired',
        status: 400,
      });
    });

    it('refuses a request signed more than 15 minutes ago', async () => {
      const error = await awsError(() =>
        kms(KEYS.admin, { systemClockOffset: -20 * 60 * 1000 }).send(new CreateKeyCommand({})),
      );
      assert.equal(error.name, 'InvalidSignatureException');
      assert.match(
        error.message,
        /^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 15 min\.\)$/,
      );
    });

    /** Headers aws4 signs for a CreateKey call by the admin (the signer the hush runtime is checked against). */
    const signedCreateKey = (body: string, extra: Record<string, string> = {}, service = 'kms') =>
      aws4.sign(
        {
          host: new URL(server.url).host,
          path: '/',
          method: 'POST',
          service,
          region: 'us-east-1',
          body,
          headers: {
            'content-type': 'application/x-amz-json-1.1',
            'x-amz-target': 'TrentService.CreateKey',
            ...extra,
          },
        },
        KEYS.admin,
      ).headers as Record<string, string>;
    const post = (headers: Record<string, string>, body: string) =>
      fetch(server.url, { method: 'POST', headers, body });
    const errorType = async (res: Response) => ((await res.json()) as { __type: string }).__type;

    it('refuses a body changed after signing', async () => {
      const body = JSON.stringify({ Description: 'signed' });
      const headers = signedCreateKey(body);
      const tampered = await post(headers, JSON.stringify({ Description: 'forged' }));
      assert.equal(tampered.status, 400);
      assert.equal(await errorType(tampered), 'InvalidSignatureException');
      const honest = await post(headers, body);
      assert.equal(honest.status, 200, 'the same signature verifies over the body it was made for');
    });

    it('verifies a signed header whose value has runs of whitespace, as SigV4 folds them', async () => {
      const body = JSON.stringify({ Description: 'folded' });
      const signed = signedCreateKey(body, { 'x-amz-meta-note': 'two  spaces\tand  a tab' });
      assert.equal((await post(signed, body)).status, 200);
      // The canonical form is the same, so the signature holds; another letter is another value.
      const refolded = await post({ ...signed, 'x-amz-meta-note': 'two spaces and \t a tab' }, body);
      assert.equal(refolded.status, 200);
      const forged = await post({ ...signed, 'x-amz-meta-note': 'two  spaces\tand  a tub' }, body);
      assert.equal(forged.status, 400);
      assert.equal(await errorType(forged), 'InvalidSignatureException');
    });

    it('refuses a credential scoped to another service', async () => {
      const res = await post(signedCreateKey('{}', {}, 'ssm'), '{}');
      const answer = (await res.json()) as { __type: string; message: string };
      assert.equal(answer.__type, 'InvalidSignatureException');
      assert.equal(answer.message, "Credential should be scoped to correct service: 'kms'. ");
    });
  });

  describe('IAM', () => {
    it('lets a principal act within its identity policy', async () => {
      const out = await kms(KEYS.alice).send(
        new EncryptCommand({
          KeyId: keyId,
          Plaintext: Buffer.from('hello'),
          EncryptionContext: ORDERS_CONTEXT,
        }),
      );
      assert.ok(out.CiphertextBlob && out.CiphertextBlob.length > 0);
    });

    it('refuses an action no identity policy allows, naming principal, action and resource', async () => {
      const error = await awsError(() => kms(KEYS.reader).send(new CreateKeyCommand({})));
      assert.deepEqual(error, {
        name: 'AccessDeniedException',
        message: `User: arn:aws:iam::${ACCOUNT}:user/reader is not authorized to perform: kms:CreateKey on resource: * because no identity-based policy allows the kms:CreateKey action`,
        status: 400,
      });
    });

    it('BlockKMSDecryptForAllResources: the user cannot decrypt an env-var ciphertext', async () => {
      const error = await awsError(() =>
        kms(KEYS.alice).send(
          new DecryptCommand({ CiphertextBlob: ordersCiphertext, EncryptionContext: ORDERS_CONTEXT }),
        ),
      );
      assert.deepEqual(error, {
        name: 'AccessDeniedException',
        message: `User: arn:aws:iam::${ACCOUNT}:user/alice is not authorized to perform: kms:Decrypt on resource: arn:aws:kms:us-east-1:${ACCOUNT}:key/${keyId} with an explicit deny in an identity-based policy`,
        status: 400,
      });
    });

    it('the function role decrypts its own env var through kms:EncryptionContext:LambdaFunctionName', async () => {
      const out = await kms(KEYS.orders).send(
        new DecryptCommand({ CiphertextBlob: ordersCiphertext, EncryptionContext: ORDERS_CONTEXT }),
      );
      assert.equal(Buffer.from(out.Plaintext!).toString(), PLAINTEXT);
    });

    it("the function role cannot decrypt another function's env var", async () => {
      const billing = await kms(KEYS.admin).send(
        new EncryptCommand({
          KeyId: keyId,
          Plaintext: Buffer.from('billing'),
          EncryptionContext: { LambdaFunctionName: 'billing' },
        }),
      );
      const error = await awsError(() =>
        kms(KEYS.orders).send(
          new DecryptCommand({
            CiphertextBlob: billing.CiphertextBlob!,
            EncryptionContext: { LambdaFunctionName: 'billing' },
          }),
        ),
      );
      assert.equal(error.name, 'AccessDeniedException');
      assert.equal(
        error.message,
        `User: arn:aws:sts::${ACCOUNT}:assumed-role/orders-role/orders is not authorized to perform: kms:Decrypt on resource: arn:aws:kms:us-east-1:${ACCOUNT}:key/${keyId} because no identity-based policy allows the kms:Decrypt action`,
      );
    });

    it('a key policy that does not delegate to IAM refuses identity-policy grants', async () => {
      const policy = JSON.stringify({
        Statement: [
          {
            Sid: 'AdminOnly',
            Effect: 'Allow',
            Principal: { AWS: `arn:aws:iam::${ACCOUNT}:user/admin` },
            Action: 'kms:*',
            Resource: '*',
          },
        ],
      });
      const locked = await kms(KEYS.admin).send(new CreateKeyCommand({ Policy: policy }));
      const error = await awsError(() =>
        kms(KEYS.alice).send(
          new EncryptCommand({ KeyId: locked.KeyMetadata!.KeyId!, Plaintext: Buffer.from('x') }),
        ),
      );
      assert.equal(error.name, 'AccessDeniedException');
      assert.match(error.message, /because no resource-based policy allows the kms:Encrypt action$/);
      const out = await kms(KEYS.admin).send(
        new EncryptCommand({ KeyId: locked.KeyMetadata!.KeyId!, Plaintext: Buffer.from('x') }),
      );
      assert.ok(out.CiphertextBlob);
    });
  });

  describe('audit log', () => {
    it('records every request with principal, action, resource and decision, and no secret', async () => {
      const text = server.auditLog();
      const lines = text
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as Record<string, unknown>);
      assert.ok(lines.length >= 12, `expected a line per request, got ${lines.length}`);
      for (const line of lines) {
        assert.equal(typeof line.requestId, 'string');
        assert.equal(typeof line.time, 'string');
        assert.equal(typeof line.sourceAddress, 'string');
      }
      const denied = lines.find(
        (l) => l.principal === `arn:aws:iam::${ACCOUNT}:user/alice` && l.action === 'kms:Decrypt',
      );
      assert.ok(denied, 'the denied decrypt is in the log');
      assert.equal(denied.decision, 'Deny');
      assert.equal(denied.errorCode, 'AccessDeniedException');
      assert.equal(denied.resource, `arn:aws:kms:us-east-1:${ACCOUNT}:key/${keyId}`);
      assert.deepEqual(denied.statement, {
        policy: 'user/alice:BlockKMSDecryptForAllResources',
        sid: 'BlockKMSDecryptForAllResources',
        index: 0,
      });
      const allowed = lines.find(
        (l) =>
          l.principal === `arn:aws:sts::${ACCOUNT}:assumed-role/orders-role/orders` && l.decision === 'Allow',
      );
      assert.ok(allowed);
      assert.equal((allowed.statement as { sid: string }).sid, 'DecryptOwnEnvironment');
      assert.ok(lines.some((l) => l.errorCode === 'InvalidSignatureException'));
      assert.ok(
        lines.some((l) => l.errorCode === 'UnrecognizedClientException' && l.accessKeyId === 'AKIANOBODY'),
      );
      for (const secret of [
        PLAINTEXT,
        Buffer.from(PLAINTEXT).toString('base64'),
        Buffer.from(ordersCiphertext).toString('base64'),
        ...Object.values(KEYS).map((k) => k.secretAccessKey),
        KEYS.orders.sessionToken,
      ]) {
        assert.ok(!text.includes(secret), 'the audit log holds no value, ciphertext or credential');
      }
      assert.ok(!server.output().includes(PLAINTEXT));
    });
  });
});
