import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { CreateKeyCommand } from '@aws-sdk/client-kms';
import { CreateSecretCommand } from '@aws-sdk/client-secrets-manager';
import { PutParameterCommand } from '@aws-sdk/client-ssm';
import { spawnProcess } from '../../server/test/support/childProcess.js';
import { HUSH_BIN } from '../../server/test/support/hushServe.js';
import { useHushServe } from '../../server/test/support/useHushServe.js';
import { runHush, startHush } from './support/runHush.js';

const node = process.execPath;
/** Ends a test command once hush is gone, so a hush that dies fails the test instead of hanging it. */
const ORPHAN_GUARD =
  'const parent=process.ppid;setInterval(()=>{if(process.ppid!==parent)process.exit(9)},20);';

describe('hush run', () => {
  const server = useHushServe({ inMemory: true });
  const dir = mkdtempSync(join(tmpdir(), 'hush-run-'));
  /** Creates or overwrites a String parameter (a --watch test's value change). */
  const putString = (name: string, value: string) =>
    server.ssm().send(new PutParameterCommand({ Name: name, Value: value, Type: 'String', Overwrite: true }));

  before(async () => {
    const ssm = server.ssm();
    await ssm.send(
      new PutParameterCommand({ Name: '/run/db', Value: 'db-secret-value', Type: 'SecureString' }),
    );
    await ssm.send(new PutParameterCommand({ Name: '/run/host', Value: 'db.internal', Type: 'String' }));
    await server.secretsManager().send(
      new CreateSecretCommand({
        Name: 'run/api',
        SecretString: '{"key":"api-key-12345"}',
        ClientRequestToken: 'a'.repeat(36),
      }),
    );
  });

  it('resolves references from the environment and env files, masks them, returns the exit code', async () => {
    const file = join(dir, '.env');
    writeFileSync(file, 'API_KEY=secretsmanager:run/api#key\nURL="postgres://${ssm:/run/host}/app"\n');
    const script =
      'console.log(process.env.DB, process.env.API_KEY, process.env.URL); console.error(process.env.DB); process.exit(4)';
    const result = await runHush(['run', '--env-file', file, '--', node, '-e', script], {
      env: { ...server.env(), DB: 'ssm:/run/db' },
    });
    assert.equal(result.code, 4, result.stderr);
    assert.equal(result.stdout, '***** ***** postgres://*****/app\n');
    assert.equal(result.stderr, '*****\n');

    const unmasked = await runHush(['run', '--no-masking', '--env-file', file, '--', node, '-e', script], {
      env: { ...server.env(), DB: 'ssm:/run/db' },
    });
    assert.equal(unmasked.stdout, 'db-secret-value api-key-12345 postgres://db.internal/app\n');
  });

  it('lets the environment win over --env-file values (later files over earlier), unless --override', async () => {
    const first = join(dir, 'first.env');
    const second = join(dir, 'second.env');
    writeFileSync(first, 'DB=ssm:/run/host\nFROM_FILE=first\nLATER=first\n');
    writeFileSync(second, 'LATER=second\n');
    const script = 'console.log(process.env.DB, process.env.FROM_FILE, process.env.LATER)';
    const args = ['--no-masking', '--env-file', first, '--env-file', second, '--', node, '-e', script];
    const env = { ...server.env(), DB: 'ssm:/run/db' };
    const result = await runHush(['run', ...args], { env });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, 'db-secret-value first second\n');
    const overridden = await runHush(['run', '--override', ...args], { env });
    assert.equal(overridden.code, 0, overridden.stderr);
    assert.equal(overridden.stdout, 'db.internal first second\n');
  });

  it('leaves unresolvable references with a warning, or fails before starting with --strict', async () => {
    const script = 'console.log("started", process.env.MISSING)';
    const lenient = await runHush(['run', '--', node, '-e', script], {
      env: { ...server.env(), MISSING: 'ssm:/run/nope' },
    });
    assert.equal(lenient.code, 0);
    assert.equal(lenient.stdout, 'started ssm:/run/nope\n');
    assert.match(lenient.stderr, /hush: run: ssm:\/run\/nope: ParameterNotFound \(in MISSING, left as is\)/);
    const strict = await runHush(['run', '--strict', '--', node, '-e', script], {
      env: { ...server.env(), MISSING: 'ssm:/run/nope', OK: 'ssm:/run/db' },
    });
    assert.equal(strict.code, 1);
    assert.equal(strict.stdout, '');
    assert.ok(!strict.stderr.includes('db-secret-value'));
  });

  it('forwards SIGTERM to the command and exits with its code (128+signal when killed)', async () => {
    const handles = startHush(
      [
        'run',
        '--',
        node,
        '-e',
        'process.on("SIGTERM",()=>{console.log("got TERM");process.exit(7)});console.log("ready");setInterval(()=>{},1000)',
      ],
      { env: server.env() },
    );
    await handles.waitFor('ready');
    handles.child.kill('SIGTERM');
    const result = await handles.done;
    assert.equal(result.code, 7);
    assert.match(result.stdout, /got TERM/);

    const killed = startHush(['run', '--', node, '-e', 'console.log("ready");setInterval(()=>{},1000)'], {
      env: server.env(),
    });
    await killed.waitFor('ready');
    killed.child.kill('SIGTERM');
    assert.equal((await killed.done).code, 128 + 15);
  });

  it("forwards SIGINT, SIGHUP, SIGQUIT and SIGUSR2 sent to hush alone, and exits with the command's code", async () => {
    for (const signal of ['SIGINT', 'SIGHUP', 'SIGQUIT', 'SIGUSR2'] as const) {
      const handles = startHush(
        [
          'run',
          '--',
          node,
          '-e',
          `${ORPHAN_GUARD}process.on("${signal}",()=>{console.log("got ${signal}");process.exit(5)});console.log("ready")`,
        ],
        { env: server.env() },
      );
      await handles.waitFor('ready');
      handles.child.kill(signal);
      const result = await handles.done;
      assert.equal(result.code, 5, `${signal}: ${result.stderr}`);
      assert.match(result.stdout, new RegExp(`got ${signal}`));
    }
  });

  it('a Ctrl-C typed in its terminal reaches the command once, not again through hush', async () => {
    // The terminal sends SIGINT to hush and the command alike (one process group). On its first
    // SIGINT the command asks hush to forward a SIGUSR2; hush handles its own SIGINT before that, so
    // a SIGINT forwarded by hush would arrive before the SIGUSR2 and be counted.
    const script =
      'let n=0;process.on("SIGINT",()=>{n++;if(n===1)process.kill(process.ppid,"SIGUSR2")});' +
      'process.on("SIGUSR2",()=>{console.log("interrupts",n);process.exit(0)});' +
      `console.log("ready");${ORPHAN_GUARD}`;
    const inTerminal = spawnProcess(
      '/usr/bin/script',
      ['-qefc', `exec '${node}' '${HUSH_BIN}' run -- '${node}' -e '${script}'`, '/dev/null'],
      { env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', ...server.env() }, openStdin: true },
    );
    await inTerminal.waitFor('ready');
    inTerminal.child.stdin?.write('\x03');
    const result = await inTerminal.done;
    assert.match(result.stdout, /interrupts 1\b/);
    assert.equal(result.code, 0, result.stdout);
  });

  it('ends the command through the broken pipe when the reader of its masked output leaves (| head)', async () => {
    const script =
      'process.stdout.on("error",()=>process.exit(3));setInterval(()=>console.log(process.env.DB),1)';
    const handles = startHush(['run', '--', node, '-e', script], {
      env: { ...server.env(), DB: 'ssm:/run/db' },
    });
    await handles.waitFor('*****');
    handles.child.stdout.destroy();
    const result = await handles.done;
    assert.equal(result.code, 3, result.stderr);
    assert.doesNotMatch(result.stderr, /EPIPE|db-secret-value/);
  });

  it('exits with the command once it exits, though a background process still holds its output', async () => {
    // The background subshell keeps the command's stdout pipe open and marks a file when it ends;
    // hush used to wait for it. seq writes more than a pipe holds, so output is still unread when
    // the command ends.
    const ended = join(dir, 'background-ended');
    const script =
      '(sleep 60; echo > "$ENDED") & echo "background $!"; echo "$DB"; seq 1 20000; printf %s "$DB"; exit 3';
    const result = await runHush(['run', '--', 'sh', '-c', script], {
      env: { ...server.env(), DB: 'ssm:/run/db', ENDED: ended },
    });
    const backgroundEnded = existsSync(ended);
    const background = Number(/background (\d+)/.exec(result.stdout)?.[1]);
    if (!backgroundEnded) process.kill(background, 'SIGKILL');
    assert.equal(result.code, 3, result.stderr);
    assert.ok(!backgroundEnded, 'hush waited for the background process to end');
    const lines = Array.from({ length: 20000 }, (_, i) => i + 1).join('\n');
    assert.equal(result.stdout, `background ${background}\n*****\n${lines}\n*****`);
    assert.doesNotMatch(result.stderr, /db-secret-value/);
  });

  it('--watch restarts the command when a referenced value changes', async () => {
    const script = 'console.log("start", process.env.DB.length); setInterval(()=>{},1000)';
    const handles = startHush(
      ['run', '--watch', '--interval', '200ms', '--no-masking', '--', node, '-e', script],
      {
        env: { ...server.env(), DB: 'ssm:/run/watched' },
      },
    );
    await putString('/run/watched', 'v1');
    // the first resolution happens before the parameter exists or after; wait for a start line either way
    await handles.waitFor('start');
    await putString('/run/watched', 'value-two');
    await handles.waitFor('start 9');
    handles.child.kill('SIGTERM');
    const result = await handles.done;
    assert.equal(result.code, 128 + 15);
    assert.match(result.stderr, /restarting the command/);
  });

  it('--watch kills a command that ignores SIGTERM after --kill-timeout, then restarts it', async () => {
    // The first start (value "v1") ignores SIGTERM; the restarted one does not.
    const script =
      'if(process.env.DB.length===2)process.on("SIGTERM",()=>console.log("ignoring TERM"));' +
      `console.log("start", process.env.DB.length);${ORPHAN_GUARD}`;
    await putString('/run/stubborn', 'v1');
    const handles = startHush(
      [
        'run',
        '--watch',
        '--interval',
        '200ms',
        '--kill-timeout',
        '300ms',
        '--no-masking',
        '--',
        node,
        '-e',
        script,
      ],
      { env: { ...server.env(), DB: 'ssm:/run/stubborn' } },
    );
    await handles.waitFor('start 2');
    await putString('/run/stubborn', 'value-two');
    await handles.waitFor('start 9');
    handles.child.kill('SIGTERM');
    const result = await handles.done;
    assert.equal(result.code, 128 + 15);
    assert.match(result.stdout, /^start 2\nignoring TERM\nstart 9\n$/);
    assert.match(result.stderr, /did not exit within 0\.3 s of SIGTERM; sending SIGKILL/);
  });

  it('reports a command that does not exist', async () => {
    const result = await runHush(['run', '--', 'no-such-command-hush'], { env: server.env() });
    assert.equal(result.code, 127);
    assert.match(result.stderr, /hush: run: no-such-command-hush: command not found/);
  });
  it('resolves more than ten SSM names (batched), kms: with the function-name context, and runs CMD without --', async () => {
    const ssm = server.ssm();
    const vars: Record<string, string> = {};
    for (let i = 0; i < 13; i++) {
      await ssm.send(
        new PutParameterCommand({ Name: `/run/many/p${i}`, Value: `value-${i}-xyz`, Type: 'SecureString' }),
      );
      vars[`P${i}`] = `ssm:/run/many/p${i}`;
    }
    const key = await server.kms().send(new CreateKeyCommand({}));
    const enc = await runHush(['encrypt-env', '--key', key.KeyMetadata?.KeyId ?? '', '--function', 'fn-a'], {
      env: server.env(),
      input: 'kms-plain-text',
    });
    const script = 'console.log(Array.from({length:13},(_, i)=>process.env["P"+i]).join(","), process.env.K)';
    const result = await runHush(['run', '--no-masking', node, '-e', script], {
      env: { ...server.env(), ...vars, K: `kms:${enc.stdout.trim()}`, AWS_LAMBDA_FUNCTION_NAME: 'fn-a' },
    });
    assert.equal(result.code, 0, result.stderr);
    const expected = Array.from({ length: 13 }, (_, i) => `value-${i}-xyz`).join(',');
    assert.equal(result.stdout, `${expected} kms-plain-text\n`);
    const wrongContext = await runHush(['run', '--strict', node, '-e', script], {
      env: { ...server.env(), K: `kms:${enc.stdout.trim()}`, AWS_LAMBDA_FUNCTION_NAME: 'fn-b' },
    });
    assert.equal(wrongContext.code, 1);
    assert.match(wrongContext.stderr, /InvalidCiphertextException/);
  });
});
