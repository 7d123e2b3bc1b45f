import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { KMSClient, ListKeysCommand } from '@aws-sdk/client-kms';
import { awsError } from '../support/hushServe.js';
import { control } from './fixtures/controlClient.js';
import { ACCOUNT, KEYS } from './fixtures/strictConfig.js';
import { useStrictHushServe } from './fixtures/useStrictHushServe.js';

interface Fault {
  id: number;
  target: string;
}

describe('hush serve --strict: the control endpoint /_hush/*', () => {
  const server = useStrictHushServe({ inMemory: true });
  const asAdmin = { credentials: KEYS.admin };
  const faultTargets = async () => {
    const listed = await control(server.url, 'GET', '/_hush/faults', asAdmin);
    assert.equal(listed.status, 200, JSON.stringify(listed.body));
    return (listed.body.faults as Fault[]).map((f) => f.target);
  };

  it('refuses an unsigned request with MissingAuthenticationTokenException 403, on every route', async () => {
    for (const [method, path] of [
      ['GET', '/_hush/stats'],
      ['DELETE', '/_hush/stats'],
      ['GET', '/_hush/faults'],
      ['DELETE', '/_hush/faults'],
      ['GET', '/_hush/no-such-route'],
    ] as const) {
      const reply = await control(server.url, method, path);
      assert.equal(reply.status, 403, `${method} ${path}`);
      assert.deepEqual(reply.body, {
        __type: 'MissingAuthenticationTokenException',
        message: 'Missing Authentication Token',
      });
    }
    const injected = await control(server.url, 'POST', '/_hush/faults', { body: { faults: ['throttle'] } });
    assert.equal(injected.status, 403);
    assert.deepEqual(await faultTargets(), [], 'an unsigned request must not add a fault');
  });

  it('refuses an unknown key, a wrong secret and a scope for another service as the AWS APIs do', async () => {
    const unknown = await control(server.url, 'POST', '/_hush/faults', {
      credentials: { accessKeyId: 'AKIANOBODY', secretAccessKey: 'whatever' },
      body: { faults: ['throttle'] },
    });
    assert.equal(unknown.status, 400);
    assert.deepEqual(unknown.body, {
      __type: 'UnrecognizedClientException',
      message: 'The security token included in the request is invalid.',
    });
    const forged = await control(server.url, 'POST', '/_hush/faults', {
      credentials: { accessKeyId: KEYS.admin.accessKeyId, secretAccessKey: 'not-the-secret' },
      body: { faults: ['throttle'] },
    });
    assert.equal(forged.status, 400);
    assert.equal(forged.body.__type, 'InvalidSignatureException');
    const otherService = await control(server.url, 'GET', '/_hush/stats', { ...asAdmin, service: 'kms' });
    assert.equal(otherService.status, 400);
    assert.equal(otherService.body.__type, 'InvalidSignatureException');
    assert.match(String(otherService.body.message), /scoped to correct service: 'hush'/);
    assert.deepEqual(await faultTargets(), []);
  });

  it('refuses a signed caller whose policies do not allow the hush:* action, with AccessDeniedException 403', async () => {
    const alice = await control(server.url, 'POST', '/_hush/faults', {
      credentials: KEYS.alice,
      body: { faults: ['TrentService.ListKeys:throttle'] },
    });
    assert.equal(alice.status, 403);
    assert.deepEqual(alice.body, {
      __type: 'AccessDeniedException',
      message: `User: arn:aws:iam::${ACCOUNT}:user/alice is not authorized to perform: hush:ControlFaults on resource: * because no identity-based policy allows the hush:ControlFaults action`,
    });
    assert.deepEqual(await faultTargets(), [], 'a denied request must not add a fault');
  });

  it('lets an identity allowed hush:ReadStats and hush:ListFaults watch, but not change anything', async () => {
    const asOps = { credentials: KEYS.ops };
    const stats = await control(server.url, 'GET', '/_hush/stats', asOps);
    assert.equal(stats.status, 200);
    assert.equal(typeof stats.body.total, 'number');
    assert.equal((await control(server.url, 'GET', '/_hush/faults', asOps)).status, 200);
    const reset = await control(server.url, 'DELETE', '/_hush/stats', asOps);
    assert.equal(reset.status, 403);
    assert.match(String(reset.body.message), /not authorized to perform: hush:ResetStats/);
    const cleared = await control(server.url, 'DELETE', '/_hush/faults', asOps);
    assert.equal(cleared.status, 403);
    assert.match(String(cleared.body.message), /not authorized to perform: hush:ControlFaults/);
  });

  it('lets an identity allowed hush:ControlFaults inject a fault that then applies, and remove it', async () => {
    const added = await control(server.url, 'POST', '/_hush/faults', {
      ...asAdmin,
      body: { faults: ['TrentService.ListKeys:throttle,count=1'] },
    });
    assert.equal(added.status, 200, JSON.stringify(added.body));
    const kms = new KMSClient({
      endpoint: server.url,
      region: 'us-east-1',
      credentials: KEYS.admin,
      maxAttempts: 1,
    });
    const throttled = await awsError(() => kms.send(new ListKeysCommand({})));
    assert.equal(throttled.name, 'ThrottlingException');
    assert.ok(Array.isArray((await kms.send(new ListKeysCommand({}))).Keys));

    const fault = (
      await control(server.url, 'POST', '/_hush/faults', { ...asAdmin, body: { fault: 'error=503' } })
    ).body.faults as Fault[];
    const removed = await control(server.url, 'DELETE', `/_hush/faults?id=${fault[0]!.id}`, asAdmin);
    assert.deepEqual(removed, { status: 200, body: { removed: 1 } });
    assert.deepEqual(await faultTargets(), []);
  });

  it('records control requests in the audit log: who, the hush:* action, the decision', () => {
    const lines = server
      .auditLog()
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    const aliceDenied = lines.find(
      (l) => l.principal === `arn:aws:iam::${ACCOUNT}:user/alice` && l.action === 'hush:ControlFaults',
    );
    assert.equal(aliceDenied?.decision, 'Deny');
    assert.equal(aliceDenied?.status, 403);
    assert.equal(aliceDenied?.errorCode, 'AccessDeniedException');
    const adminAllowed = lines.find(
      (l) => l.principal === `arn:aws:iam::${ACCOUNT}:user/admin` && l.action === 'hush:ControlFaults',
    );
    assert.equal(adminAllowed?.decision, 'Allow');
    assert.deepEqual(adminAllowed?.statement, { policy: 'user/admin:AdministratorAccess', index: 0 });
    const unsigned = lines.find((l) => l.errorCode === 'MissingAuthenticationTokenException');
    assert.equal(unsigned?.decision, 'NotEvaluated');
    assert.equal(unsigned?.action, 'hush:ReadStats');
  });
});
