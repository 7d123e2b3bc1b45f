import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { KMSClient, ListKeysCommand } from '@aws-sdk/client-kms';
import { type Credentials, control } from './fixtures/controlClient.js';
import { KEYS } from './fixtures/strictConfig.js';
import { useStrictHushServe } from './fixtures/useStrictHushServe.js';

interface Fault {
  id: number;
  target: string;
  hits: number;
}

const UNKNOWN_KEY = { accessKeyId: 'AKIANOBODY', secretAccessKey: 'whatever' };
const FORGED_ADMIN = { accessKeyId: KEYS.admin.accessKeyId, secretAccessKey: 'not-the-admin-secret' };

/** Lists KMS keys as `credentials`; the outcome is 'ok' or the error's name. */
async function listKeys(url: string, credentials: Credentials): Promise<string> {
  const kms = new KMSClient({ endpoint: url, region: 'us-east-1', credentials, maxAttempts: 1 });
  try {
    await kms.send(new ListKeysCommand({}));
    return 'ok';
  } catch (error) {
    return (error as Error).name;
  }
}

describe('hush serve --strict: injected faults meet authentication in the order AWS would', () => {
  const server = useStrictHushServe({ inMemory: true });
  let throttle: Fault;
  let latency: Fault;
  before(async () => {
    const added = await control(server.url, 'POST', '/_hush/faults', {
      credentials: KEYS.admin,
      body: { faults: ['TrentService.ListKeys:throttle', 'TrentService.ListKeys:latency=1ms'] },
    });
    assert.equal(added.status, 200, JSON.stringify(added.body));
    [throttle, latency] = added.body.faults as Fault[] as [Fault, Fault];
  });
  const hits = async () => {
    const listed = await control(server.url, 'GET', '/_hush/faults', { credentials: KEYS.admin });
    const faults = listed.body.faults as Fault[];
    return {
      throttle: faults.find((f) => f.id === throttle.id)?.hits,
      latency: faults.find((f) => f.id === latency.id)?.hits,
    };
  };

  it('answers an unknown key and a bad signature with their own errors, not the injected throttle', async () => {
    assert.equal(await listKeys(server.url, UNKNOWN_KEY), 'UnrecognizedClientException');
    assert.equal(await listKeys(server.url, FORGED_ADMIN), 'InvalidSignatureException');
    assert.deepEqual(
      await hits(),
      { throttle: 0, latency: 2 },
      'latency (the network) applies to every request',
    );
  });

  it('throttles an authenticated caller', async () => {
    assert.equal(await listKeys(server.url, KEYS.alice), 'ThrottlingException');
    assert.deepEqual(await hits(), { throttle: 1, latency: 3 });
  });
});

describe('hush serve --strict --rate-limit: the budget belongs to the authenticated caller', () => {
  const server = useStrictHushServe({ inMemory: true, args: ['--rate-limit', '1'] });

  it('never throttles a badly signed request, and such requests spend nothing of the key they name', async () => {
    for (let i = 0; i < 10; i++) {
      assert.equal(await listKeys(server.url, FORGED_ADMIN), 'InvalidSignatureException', `request ${i}`);
    }
    assert.equal(await listKeys(server.url, KEYS.admin), 'ok', "the admin's budget must be untouched");
  });

  it('throttles a caller past its rate while others, and signature errors, are unaffected', async () => {
    let outcome = 'ok';
    while (outcome === 'ok') outcome = await listKeys(server.url, KEYS.admin);
    assert.equal(outcome, 'ThrottlingException');
    assert.equal(await listKeys(server.url, FORGED_ADMIN), 'InvalidSignatureException');
    assert.equal(await listKeys(server.url, KEYS.alice), 'ok');
  });
});
