import assert from 'node:assert/strict';
import { Console } from 'node:console';
import { Writable } from 'node:stream';
import { describe, it } from 'node:test';
import util from 'node:util';
import { PutParameterCommand } from '@aws-sdk/client-ssm';
import middy from '@middy/core';
import type { StandardSchemaV1 } from '@standard-schema/spec';
import { useHushServe } from '../../server/test/support/useHushServe.js';
import { defineSecrets, Hush, Secret, SecretsError, withSecrets } from '../src/index.js';
import { hushSecrets } from '../src/middy.js';

const VALUE = 'hunter2-do-not-print';

const server = useHushServe({ inMemory: true }, async () => {
  await server.ssm().send(new PutParameterCommand({ Name: '/r/pw', Value: VALUE, Type: 'SecureString' }));
  await server.ssm().send(new PutParameterCommand({ Name: '/r/list', Value: 'x,y', Type: 'StringList' }));
});

function printed(...args: unknown[]): string {
  let out = '';
  const sink = new Writable({
    write(chunk, _encoding, done) {
      out += String(chunk);
      done();
    },
  });
  new Console(sink, sink).log(...args);
  return out;
}

describe('redaction', () => {
  it('a Secret prints as [REDACTED] on every path and reveals only on request', async () => {
    const hush = new Hush({ env: server.env() });
    const secrets = defineSecrets({ pw: 'ssm:/r/pw', list: 'ssm:/r/list' }, { hush });
    const values = await secrets.load();
    const pw = values.pw;
    const outputs = [
      printed(pw),
      printed('%s', pw),
      printed({ pw }),
      printed(values),
      util.inspect(pw),
      util.inspect(pw, { customInspect: false, showHidden: true }),
      util.inspect(values, { getters: true, depth: 5 }),
      JSON.stringify(values),
      JSON.stringify({ pw }),
      `${pw}`,
      String(pw),
      `x${pw}`,
      new Error(`failed with ${pw}`).message,
      util.format('%o %j %s', pw, pw, pw),
    ];
    for (const output of outputs) assert.doesNotMatch(output, /hunter2/, output);
    assert.match(`${pw}`, /\[REDACTED\]/);
    assert.match(printed(values), /pw: Secret\(\[REDACTED\]\)/);
    assert.equal(JSON.stringify(values), '{"pw":"[REDACTED]","list":"[REDACTED]"}');
    assert.equal(pw.reveal(), VALUE);
    assert.equal(secrets.reveal('pw'), VALUE);
    assert.deepEqual(values.list.reveal(), ['x', 'y']);
    assert.ok(pw instanceof Secret);
  });

  it('a Standard Schema entry validates the value; a failing one is reported by key', async () => {
    await server.ssm().send(new PutParameterCommand({ Name: '/r/num', Value: '42', Type: 'String' }));
    const numberSchema: StandardSchemaV1<unknown, number> = {
      '~standard': {
        version: 1,
        vendor: 'test',
        validate: (value) =>
          typeof value === 'number' ? { value: value * 2 } : { issues: [{ message: 'not a number' }] },
      },
    };
    const hush = new Hush({ env: server.env() });
    const ok = defineSecrets({ n: { ref: 'ssm:/r/num?json', schema: numberSchema } }, { hush });
    assert.equal((await ok.load()).n.reveal(), 84);
    const bad = defineSecrets({ list: { ref: 'ssm:/r/list', schema: numberSchema } }, { hush });
    await assert.rejects(bad.load(), (e: unknown) => {
      assert.ok(e instanceof SecretsError);
      assert.match(String(e.failures.list?.message), /not a number/);
      assert.doesNotMatch(e.message, /x,y/);
      return true;
    });
  });

  it('withSecrets hands the handler the values', async () => {
    const hush = new Hush({ env: server.env() });
    const secrets = defineSecrets({ pw: 'ssm:/r/pw' }, { hush });
    const handler = withSecrets(secrets, async (event: { n: number }, _context: unknown, s) => ({
      n: event.n,
      length: s.pw.reveal().length,
    }));
    assert.deepEqual(await handler({ n: 1 }, {}), { n: 1, length: VALUE.length });
    assert.deepEqual(await handler({ n: 2 }, {}), { n: 2, length: VALUE.length });
    assert.deepEqual(hush.requests, { GetParameters: 1 });
  });

  it('the Middy middleware puts the values on the context', async () => {
    const hush = new Hush({ env: server.env() });
    const secrets = defineSecrets({ pw: 'ssm:/r/pw' }, { hush });
    const handler = middy(async (_event: unknown, context: { secrets?: { pw: Secret<string> } }) => {
      return { password: context.secrets?.pw.reveal(), shown: `${context.secrets?.pw}` };
    }).use(hushSecrets(secrets));
    const result = await handler({}, {} as never);
    assert.deepEqual(result, { password: VALUE, shown: '[REDACTED]' });
  });
});
