/**
 * `hush scan` end to end: the real binary over fixture projects with known findings. Every rule has
 * cases that must fire (exact rule, file and line) and look-alikes that must not.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { Ajv } from 'ajv';
import { HUSH_BIN } from '../../../server/test/support/hushServe.js';
import { runHush } from '../support/runHush.js';

const FIXTURES = new URL('../fixtures/scan/', import.meta.url).pathname;

interface JsonFinding {
  ruleId: string;
  level: string;
  message: string;
  fix: string;
  file: string;
  line: number;
  column: number;
}

interface SarifLog {
  runs: {
    tool: { driver: { rules: unknown[] } };
    results: {
      ruleId: string;
      level: string;
      locations: { physicalLocation: unknown }[];
      partialFingerprints: unknown;
    }[];
  }[];
}

async function scanJson(dir: string, ...args: string[]) {
  const result = await runHush(['scan', '--format', 'json', ...args], { cwd: join(FIXTURES, dir) });
  assert.equal(result.stderr, '');
  const report = JSON.parse(result.stdout) as { files: string[]; findings: JsonFinding[] };
  return {
    ...result,
    ...report,
    sites: report.findings.map((f) => `${f.ruleId} ${f.file}:${f.line}:${f.column}`),
  };
}

describe('hush scan: rules fire exactly where expected', () => {
  it('Serverless v3: deploy-time ${ssm:}, literal Stripe key shared by two functions, ssm:GetParameter* on *, rotation', async () => {
    const { code, sites, findings } = await scanJson('serverless-v3');
    assert.deepEqual(sites, [
      'HUSH002 serverless.yml:12:18', // provider DB_PASSWORD: ${ssm:/…} (SIGNING_KEY has noDecrypt: silent)
      'HUSH003 serverless.yml:12:18', // …given to all three functions by provider.environment
      'HUSH005 serverless.yml:22:17', // ssm:GetParameter* on '*' (dynamodb on '*' and exact ssm ARNs: silent)
      'HUSH004 serverless.yml:28:3', // api: secrets, no kmsKeyArn
      'HUSH001 serverless.yml:31:26', // api STRIPE_SECRET_KEY
      'HUSH003 serverless.yml:31:26',
      'HUSH004 serverless.yml:36:3', // worker (report has kmsKeyArn: silent)
      'HUSH001 serverless.yml:39:26', // worker STRIPE_SECRET_KEY
      'HUSH003 serverless.yml:39:26',
      'HUSH006 serverless.yml:49:5', // OrdersSecret without RotationSchedule
      'HUSH007 serverless.yml:53:5', // OrdersKey without EnableKeyRotation
    ]);
    assert.equal(code, 1);
    const deployTime = findings.find((f) => f.ruleId === 'HUSH002');
    assert.equal(deployTime?.fix, 'DB_PASSWORD: ssm:/orders/prod/db-password');
    assert.equal(deployTime?.level, 'error');
    assert.match(
      findings.find((f) => f.ruleId === 'HUSH003' && f.line === 31)?.message ?? '',
      /2 functions \(api, worker\)/,
    );
  });

  it('Serverless v4: /aws/reference/secretsmanager/, GitHub token, Action * on *, suppressions with and without reason', async () => {
    const { sites, findings } = await scanJson('serverless-v4');
    assert.deepEqual(sites, [
      'HUSH005 serverless.yml:18:21', // Action '*' on '*' (the Deny on '*' is silent)
      'HUSH002 serverless.yml:27:22',
      'HUSH001 serverless.yml:28:21', // GITHUB_TOKEN
      // SANDBOX_JWT (line 30) is suppressed with a reason on the line above
      'HUSH001 serverless.yml:31:18', // OTHER_JWT: its hush-ignore has no reason, so it is not honoured…
      'HUSH008 serverless.yml:31:97', // …and is itself reported
      // LEGACY_TOKEN (line 33) is suppressed on its own line, with a reason
      'HUSH001 serverless.yml:35:21', // the comment above names HUSH005, not HUSH001
    ]);
    assert.equal(
      findings.find((f) => f.ruleId === 'HUSH002')?.fix,
      'PAYPAL_SECRET: secretsmanager:billing/paypal',
    );
    assert.match(
      findings.find((f) => f.ruleId === 'HUSH005')?.message ?? '',
      /kms:Decrypt, secretsmanager:GetSecretValue/,
    );
  });

  it('SAM: Globals {{resolve:secretsmanager}} in !Sub, ssm-secure, Slack token, SAM Policies on *, rotation schedule honoured', async () => {
    const { sites, findings } = await scanJson('sam');
    assert.deepEqual(sites, [
      'HUSH002 template.yaml:10:22', // Globals DB_URL
      'HUSH003 template.yaml:10:22', // Globals give it to both functions
      'HUSH004 template.yaml:17:3', // ApiFunction (ReportFunction has KmsKeyArn)
      'HUSH001 template.yaml:23:24', // SLACK_TOKEN
      'HUSH002 template.yaml:25:20', // {{resolve:ssm-secure:…}} ({{resolve:ssm:…}} is plain: silent)
      'HUSH005 template.yaml:32:25', // Policies statement on '*'
      'HUSH006 template.yaml:62:3', // UnrotatedSecret (DbSecret has a RotationSchedule)
    ]);
    const fixes = findings.filter((f) => f.ruleId === 'HUSH002').map((f) => f.fix);
    assert.deepEqual(fixes, ['DB_URL: secretsmanager:${DbSecret}#password', 'API_KEY: ssm:/app/api-key:3']);
  });

  it('CloudFormation JSON: AWS keys, Fn::Sub ssm-secure, kms:* and secretsmanager:Get* on *, key rotation', async () => {
    const { sites } = await scanJson('cloudformation');
    assert.deepEqual(sites, [
      'HUSH004 stack.json:4:5', // Worker: no KmsKeyArn
      'HUSH001 stack.json:12:34', // AKIA…
      'HUSH001 stack.json:13:38', // high-entropy under AWS_SECRET_ACCESS_KEY
      'HUSH002 stack.json:14:28',
      'HUSH005 stack.json:35:118', // kms:* on [arn, '*']: the '*' is reported
      'HUSH005 stack.json:47:90', // secretsmanager:Get* on '*'
      'HUSH007 stack.json:56:5', // DataKey EnableKeyRotation false (asymmetric SigningKey cannot rotate: silent)
    ]);
  });

  it('.env: connection string, Slack webhook, private key, high entropy; look-alikes silent', async () => {
    const { sites } = await scanJson('dotenv');
    assert.deepEqual(sites, [
      'HUSH001 .env:3:14',
      'HUSH001 .env:5:15',
      'HUSH001 .env:6:20',
      'HUSH001 .env:10:16',
      'HUSH001 .env:11:11', // redis://:password@ (MONGO_URL with <password>: silent)
      // line 13: ${ssm:…} in a .env is resolved at run time by `hush run`, not at deploy time: silent
    ]);
  });

  it('Serverless ${self:custom…} chains are followed to the secret they pull into the environment', async () => {
    const { sites, findings } = await scanJson('serverless-custom');
    assert.deepEqual(sites, [
      'HUSH002 serverless.yml:6:18', // DB_PASSWORD → custom.secrets.dbPassword → ${ssm:…}
      'HUSH004 serverless.yml:9:3',
      'HUSH001 serverless.yml:12:19', // STRIPE_KEY → custom.stripeKey → custom.stripeKeyValue (TABLE, MISSING: silent)
    ]);
    assert.equal(findings[0]?.fix, 'DB_PASSWORD: ssm:/payments/db-password');
    assert.match(findings[2]?.message ?? '', /through \$\{self:custom\.stripeKeyValue\}/);
  });

  it('serverless.json, .env.production and long-form intrinsics in YAML', async () => {
    const { sites, findings } = await scanJson('more');
    assert.deepEqual(sites, [
      'HUSH001 .env.production:3:12', // rk_live_ restricted Stripe key
      'HUSH005 serverless.json:7:61', // kms:* on '*'
      'HUSH004 serverless.json:11:5',
      'HUSH001 serverless.json:14:26', // high-entropy SMTP_PASSWORD (SMTP_USER: silent)
      'HUSH002 serverless.json:16:25',
      // stack.yaml: Fn::Join / !Join values are computed, not literal; KmsKeyArn set; Key rotates
      // ('true' as a string); the secret's RotationSchedule uses the long-form { Ref: Secret }.
      'HUSH002 stack.yaml:12:13',
    ]);
    assert.equal(
      findings.find((f) => f.file === 'stack.yaml')?.fix,
      'DB_PASSWORD: secretsmanager:prod/db#password',
    );
  });

  it('parses every CloudFormation short-form tag in scalar, sequence and mapping form', async () => {
    const { code, sites } = await scanJson('tags');
    // Nothing computed by a tag is taken for a literal secret; KmsKeyArn: !ImportValue counts as a key.
    assert.deepEqual(sites, ['HUSH002 template.yaml:33:24']);
    assert.equal(code, 1);
  });

  it('look-alikes (references, placeholders, ARNs, noDecrypt, ${env:}, short words, exact ARNs) never fire', async () => {
    const { code, findings, files } = await scanJson('clean');
    assert.deepEqual(findings, []);
    assert.deepEqual(files, ['serverless.yml']);
    assert.equal(code, 0);
  });
});

describe('hush scan: output', () => {
  const SECRETS = [
    'sk_live_51HxQ2pLkq8vW3nR7tY0uZmA4',
    'AKIAZ3MXQ7NLP5RT2VWY',
    'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzq8Kd2Lm4e',
    'S3cr3tPassw0rd!',
    'ghp_R8x2Lk9QmZt4Vw7Yp3Nb6Cs1Df5Gh0Jk2Lm4',
    'xoxb-2048-4096-AbCdEfGhIjKlMnOpQrStUvWx',
    'Tq7#vL2m9Xw4Rk8p',
    'rk_live_9aZbYcXdWeVfUgTh',
  ];

  it('never prints a secret value in full, in any format', async () => {
    for (const format of ['text', 'json', 'sarif']) {
      const result = await runHush(
        [
          'scan',
          '--format',
          format,
          'serverless-v3',
          'serverless-v4',
          'sam',
          'cloudformation',
          'dotenv',
          'more',
        ],
        {
          cwd: FIXTURES,
        },
      );
      assert.equal(result.code, 1, format);
      for (const secret of SECRETS)
        assert.ok(!result.stdout.includes(secret), `${format} leaks ${secret.slice(0, 4)}`);
    }
    const text = await runHush(['scan', 'serverless-v3'], { cwd: FIXTURES });
    assert.match(text.stdout, /STRIPE_SECRET_KEY holds a Stripe key \(sk_l… \(33 chars\)\)/);
  });

  it('text output is grouped by file, and has no colour when not a terminal or with NO_COLOR', async () => {
    const result = await runHush(['scan', 'sam', 'dotenv'], { cwd: FIXTURES, env: { NO_COLOR: '' } });
    const lines = result.stdout.split('\n');
    assert.equal(lines[0], 'dotenv/.env');
    assert.ok(lines.includes('sam/template.yaml'));
    assert.match(result.stdout, /^ {2}25:20 {3}error {3}HUSH002 {2}API_KEY/m);
    assert.match(result.stdout, /fix: API_KEY: ssm:\/app\/api-key/);
    assert.match(result.stdout, /12 findings \(9 errors, 3 warnings, 0 notes\) in 2 files/);
    assert.ok(!result.stdout.includes('\u001b['));
  });

  it('colours text on a terminal, and not with NO_COLOR', async () => {
    // script(1) gives the command a pseudo-terminal as stdout.
    const onTty = (noColor?: string) =>
      new Promise<string>((resolve, reject) => {
        const command = `'${process.execPath}' '${HUSH_BIN}' scan sam`;
        const child = spawn('script', ['-qec', command, '/dev/null'], {
          cwd: FIXTURES,
          env: { PATH: process.env.PATH ?? '', TERM: 'xterm', ...(noColor ? { NO_COLOR: noColor } : {}) },
        });
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
        });
        child.once('error', reject);
        child.once('close', () => resolve(out));
      });
    const coloured = await onTty();
    assert.ok(coloured.includes('\u001b[31merror'), 'errors are red');
    assert.match(coloured, /HUSH002/);
    const plain = await onTty('1');
    assert.match(plain, /HUSH002/);
    assert.ok(!plain.includes('\u001b['));
  });

  it('SARIF 2.1.0 validates against the schema and carries rules, levels, relative locations and fingerprints', async () => {
    const result = await runHush(['scan', '--format', 'sarif', 'sam'], { cwd: FIXTURES });
    const sarif = JSON.parse(result.stdout) as SarifLog;
    const schema = JSON.parse(readFileSync(join(FIXTURES, 'sarif-2.1.0-subset.schema.json'), 'utf8'));
    const ajv = new Ajv({ allErrors: true });
    ajv.addFormat('uri', /^[A-Za-z][A-Za-z0-9+.-]*:\S+$/);
    ajv.addFormat('uri-reference', /^\S*$/);
    const validate = ajv.compile(schema);
    assert.ok(validate(sarif), JSON.stringify(validate.errors));
    const [run] = sarif.runs;
    assert.ok(run);
    assert.equal(run.tool.driver.rules.length, 8);
    assert.equal(run.results.length, 7);
    const [first] = run.results;
    assert.ok(first);
    assert.equal(first.ruleId, 'HUSH002');
    assert.equal(first.level, 'error');
    assert.deepEqual(first.locations[0]?.physicalLocation, {
      artifactLocation: { uri: 'sam/template.yaml' },
      region: { startLine: 10, startColumn: 22 },
    });
    const again = JSON.parse(
      (await runHush(['scan', '--format', 'sarif', 'sam'], { cwd: FIXTURES })).stdout,
    ) as SarifLog;
    assert.deepEqual(again.runs[0]?.results[0]?.partialFingerprints, first.partialFingerprints);
  });
});

describe('hush scan: exit codes, walking, malformed files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hush-scan-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('--fail-on decides which findings make the exit code 1', async () => {
    const project = join(dir, 'warnings-only');
    mkdirSync(project);
    writeFileSync(join(project, 'template.yaml'), 'Resources:\n  Key:\n    Type: AWS::KMS::Key\n');
    const scan = (...args: string[]) => runHush(['scan', ...args], { cwd: project });
    assert.equal((await scan()).code, 0);
    assert.equal((await scan('--fail-on', 'warning')).code, 1);
    assert.equal((await scan('--fail-on', 'note')).code, 1);
    assert.equal((await runHush(['scan', '--fail-on', 'none', 'serverless-v3'], { cwd: FIXTURES })).code, 0);
    assert.equal((await scan('--fail-on', 'bogus')).code, 2);
  });

  it('walks directories but skips node_modules, .git, .serverless and cdk.out, and JSON that is not a template', async () => {
    const project = join(dir, 'walk');
    for (const sub of ['node_modules/pkg', '.git', '.serverless', 'cdk.out', 'src'])
      mkdirSync(join(project, sub), { recursive: true });
    const leaky =
      'service: x\nprovider:\n  environment:\n    API_TOKEN: ghp_R8x2Lk9QmZt4Vw7Yp3Nb6Cs1Df5Gh0Jk2Lm4\n';
    for (const sub of ['node_modules/pkg', '.git', '.serverless', 'cdk.out'])
      writeFileSync(join(project, sub, 'serverless.yml'), leaky);
    writeFileSync(join(project, 'src', 'serverless.yml'), leaky);
    writeFileSync(join(project, 'package.json'), '{ "name": "x", }');
    const result = await runHush(['scan', '--format', 'json'], { cwd: project });
    const report = JSON.parse(result.stdout) as { files: string[]; findings: JsonFinding[] };
    assert.deepEqual(report.files, ['src/serverless.yml']);
    assert.deepEqual(
      report.findings.map((f) => `${f.ruleId} ${f.file}:${f.line}`),
      ['HUSH001 src/serverless.yml:4'],
    );
  });

  it('malformed YAML and JSON: one line with file:line:column, exit 2, no stack trace', async () => {
    const yaml = await runHush(['scan', 'serverless.yml'], { cwd: join(FIXTURES, 'malformed') });
    assert.equal(yaml.code, 2);
    assert.equal(yaml.stdout, '');
    assert.match(yaml.stderr, /^hush scan: serverless\.yml:5:1: Flow sequence in block collection .*\n$/);
    const json = await runHush(['scan', 'template.json'], { cwd: join(FIXTURES, 'malformed') });
    assert.equal(json.code, 2);
    assert.match(json.stderr, /^hush scan: template\.json:4:3: invalid JSON: [^\n]+\n$/);
    const missing = await runHush(['scan', 'nope.yml'], { cwd: dir });
    assert.equal(missing.code, 2);
    assert.doesNotMatch(missing.stderr, /\n\s+at /);
  });
});
