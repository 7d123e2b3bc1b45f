/**
 * The region the CLI calls, as the AWS CLI finds it: `--region`, then AWS_REGION / AWS_DEFAULT_REGION,
 * then the profile's `region` in the shared config file (`--profile`, else AWS_PROFILE, else default).
 * hush serve keeps each region apart, so where a parameter lands shows which region was used.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { GetParameterCommand } from '@aws-sdk/client-ssm';
import { awsError } from '../../server/test/support/hushServe.js';
import { useHushServe } from '../../server/test/support/useHushServe.js';
import { runHush } from './support/runHush.js';

describe('hush: the region from the shared config file', () => {
  const server = useHushServe({ inMemory: true });
  let env: Record<string, string>;

  before(() => {
    const dir = mkdtempSync(join(tmpdir(), 'hush-aws-config-'));
    const config = join(dir, 'config');
    const credentials = join(dir, 'credentials');
    writeFileSync(config, '[default]\nregion = ap-southeast-2\n\n[profile dev]\nregion = eu-west-2\n');
    writeFileSync(
      credentials,
      '[default]\naws_access_key_id = AKIADEFAULT\naws_secret_access_key = default-secret\n\n' +
        '[dev]\naws_access_key_id = AKIADEV\naws_secret_access_key = dev-secret\n',
    );
    env = { AWS_ENDPOINT_URL: server.url, AWS_CONFIG_FILE: config, AWS_SHARED_CREDENTIALS_FILE: credentials };
  });

  /** Puts `name` with the given flags and environment, and says in which of `regions` it landed. */
  async function landedIn(name: string, args: string[], extraEnv: Record<string, string> = {}) {
    const put = await runHush(['put', `ssm:${name}`, '--type', 'String', ...args], {
      env: { ...env, ...extraEnv },
      input: 'v',
    });
    assert.equal(put.code, 0, put.stderr);
    const found: string[] = [];
    for (const region of ['us-east-1', 'eu-west-2', 'ap-southeast-2', 'ca-central-1']) {
      const get = () => server.ssm(region).send(new GetParameterCommand({ Name: name }));
      const missing = await get().then(
        () => false,
        async () => (await awsError(get)).name === 'ParameterNotFound',
      );
      if (!missing) found.push(region);
    }
    return found;
  }

  it('--profile names the profile whose region is used', async () => {
    assert.deepEqual(await landedIn('/r/profile-flag', ['--profile', 'dev']), ['eu-west-2']);
  });

  it('AWS_PROFILE does the same, and without either the default profile counts', async () => {
    assert.deepEqual(await landedIn('/r/profile-env', [], { AWS_PROFILE: 'dev' }), ['eu-west-2']);
    assert.deepEqual(await landedIn('/r/default', []), ['ap-southeast-2']);
  });

  it('--region and AWS_REGION come before the profile', async () => {
    assert.deepEqual(await landedIn('/r/flag', ['--profile', 'dev', '--region', 'ca-central-1']), [
      'ca-central-1',
    ]);
    assert.deepEqual(await landedIn('/r/env', ['--profile', 'dev'], { AWS_REGION: 'ca-central-1' }), [
      'ca-central-1',
    ]);
  });

  it('falls back to us-east-1 when no profile has a region', async () => {
    assert.deepEqual(await landedIn('/r/none', [], { AWS_CONFIG_FILE: '/dev/null' }), ['us-east-1']);
  });
});
