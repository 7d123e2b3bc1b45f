import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  CancelRotateSecretCommand,
  CreateSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  RotateSecretCommand,
  type SecretsManagerClient,
  UpdateSecretVersionStageCommand,
} from '@aws-sdk/client-secrets-manager';
import Database from 'better-sqlite3';
import { awsError } from '../support/hushServe.js';
import { useHushServe } from '../support/useHushServe.js';
import { type PasswordService, startPasswordService } from './fixtures/passwordService.js';
import { assertNoPlaintext, failsWithoutChange } from './fixtures.js';

const FUNCTION_PATH = fileURLToPath(new URL('./fixtures/rotationFunction.mjs', import.meta.url));
const INITIAL_PASSWORD = 'initial-password-Hq83';

interface Stored {
  url: string;
  password: string;
}

describe('Secrets Manager rotation through a rotation function', () => {
  const server = useHushServe({ env: { HUSH_ROTATION_CHECK_INTERVAL_MS: '100' } });
  let sm: SecretsManagerClient;
  let service: PasswordService;
  const seen: string[] = [INITIAL_PASSWORD];

  const current = async (id: string, stage = 'AWSCURRENT') =>
    JSON.parse(
      (await sm.send(new GetSecretValueCommand({ SecretId: id, VersionStage: stage }))).SecretString!,
    ) as Stored;

  before(async () => {
    sm = server.secretsManager();
    service = await startPasswordService(INITIAL_PASSWORD);
    await sm.send(
      new CreateSecretCommand({
        Name: 'svc/credential',
        SecretString: JSON.stringify({ url: service.url, password: INITIAL_PASSWORD }),
      }),
    );
  });
  after(async () => {
    await service.close();
  });

  it('rotates immediately: the service takes a new password, AWSCURRENT moves to it, AWSPREVIOUS keeps the old', async () => {
    const before = await sm.send(new DescribeSecretCommand({ SecretId: 'svc/credential' }));
    const out = await sm.send(
      new RotateSecretCommand({
        SecretId: 'svc/credential',
        RotationLambdaARN: FUNCTION_PATH,
        RotationRules: { AutomaticallyAfterDays: 1 },
      }),
    );
    assert.ok(out.VersionId);
    const now = await current('svc/credential');
    seen.push(now.password);
    assert.notEqual(now.password, INITIAL_PASSWORD);
    assert.equal(service.password, now.password);
    assert.equal(await service.login(now.password), true);
    assert.equal(await service.login(INITIAL_PASSWORD), false);
    assert.equal((await current('svc/credential', 'AWSPREVIOUS')).password, INITIAL_PASSWORD);
    const described = await sm.send(new DescribeSecretCommand({ SecretId: 'svc/credential' }));
    assert.equal(described.RotationEnabled, true);
    assert.equal(described.RotationLambdaARN, FUNCTION_PATH);
    assert.deepEqual(described.RotationRules, { AutomaticallyAfterDays: 1 });
    assert.ok(described.LastRotatedDate instanceof Date);
    const nextIn = described.NextRotationDate!.getTime() - described.LastRotatedDate!.getTime();
    assert.equal(nextIn, 86_400_000);
    // As on AWS, AWSPENDING stays on the new current version after a successful rotation.
    const previousId = Object.keys(before.VersionIdsToStages!)[0]!;
    assert.deepEqual(described.VersionIdsToStages, {
      [previousId]: ['AWSPREVIOUS'],
      [out.VersionId]: ['AWSCURRENT', 'AWSPENDING'],
    });
  });

  it('reports a failed rotation as AWS does: AWSCURRENT untouched, AWSPENDING left, RotationFailed logged', async () => {
    const before = await sm.send(new DescribeSecretCommand({ SecretId: 'svc/credential' }));
    const password = service.password;
    service.refuseChanges = true;
    const out = await sm.send(new RotateSecretCommand({ SecretId: 'svc/credential' }));
    service.refuseChanges = false;
    assert.equal(service.password, password);
    assert.equal((await current('svc/credential')).password, password);
    const pending = await current('svc/credential', 'AWSPENDING');
    seen.push(pending.password);
    assert.notEqual(pending.password, password);
    const described = await sm.send(new DescribeSecretCommand({ SecretId: 'svc/credential' }));
    assert.deepEqual(described.LastRotatedDate, before.LastRotatedDate);
    assert.deepEqual(described.VersionIdsToStages?.[out.VersionId!], ['AWSPENDING']);
    assert.match(
      server.output(),
      /RotationFailed for arn:aws:secretsmanager:us-east-1:000000000000:secret:svc\/credential-\w{6} at step setSecret/,
    );
    const again = await failsWithoutChange(server, 'InvalidRequestException', () =>
      sm.send(new RotateSecretCommand({ SecretId: 'svc/credential' })),
    );
    assert.equal(again.message, "A previous rotation isn't complete. That rotation will be reattempted.");
    // Clearing the abandoned AWSPENDING lets the next rotation run.
    await sm.send(
      new UpdateSecretVersionStageCommand({
        SecretId: 'svc/credential',
        VersionStage: 'AWSPENDING',
        RemoveFromVersionId: out.VersionId,
      }),
    );
    await sm.send(new RotateSecretCommand({ SecretId: 'svc/credential' }));
    const rotated = await current('svc/credential');
    seen.push(rotated.password);
    assert.equal(service.password, rotated.password);
    assert.notEqual(rotated.password, password);
  });

  it('refuses a rotation function it cannot invoke, changing nothing', async () => {
    await sm.send(new CreateSecretCommand({ Name: 'svc/other', SecretString: '{"password":"other-Tz11"}' }));
    seen.push('other-Tz11');
    for (const functionRef of [
      'arn:aws:lambda:us-east-1:000000000000:function:nope',
      '/no/such/module.mjs',
    ]) {
      const error = await failsWithoutChange(server, 'AccessDeniedException', () =>
        sm.send(new RotateSecretCommand({ SecretId: 'svc/other', RotationLambdaARN: functionRef })),
      );
      assert.equal(
        error.message,
        'Secrets Manager cannot invoke the specified Lambda function. Ensure that the function policy grants access to the principal secretsmanager.amazonaws.com.',
      );
    }
    const described = await sm.send(new DescribeSecretCommand({ SecretId: 'svc/other' }));
    assert.equal(described.RotationEnabled, undefined);
    const noFunction = await failsWithoutChange(server, 'InvalidRequestException', () =>
      sm.send(new RotateSecretCommand({ SecretId: 'svc/other' })),
    );
    assert.match(noFunction.message, /No Lambda rotation function/);
    const both = await failsWithoutChange(server, 'InvalidParameterException', () =>
      sm.send(
        new RotateSecretCommand({
          SecretId: 'svc/other',
          RotationLambdaARN: FUNCTION_PATH,
          RotationRules: { AutomaticallyAfterDays: 2, ScheduleExpression: 'rate(2 days)' },
        }),
      ),
    );
    assert.match(both.message, /both/);
  });

  it('rotates through an HTTP rotation function that receives each step as a JSON POST', async () => {
    const { makeHandler } = (await import(pathToFileURL(FUNCTION_PATH).href)) as {
      makeHandler(client: SecretsManagerClient): (event: unknown) => Promise<void>;
    };
    const handler = makeHandler(sm);
    const steps: string[] = [];
    const http: Server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => {
        body += c.toString();
      });
      req.on('end', () => {
        const event = JSON.parse(body) as { Step: string };
        steps.push(event.Step);
        handler(event).then(
          () => res.writeHead(200).end(),
          () => res.writeHead(500).end(),
        );
      });
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}/rotate`;
      const password = service.password;
      await sm.send(new RotateSecretCommand({ SecretId: 'svc/credential', RotationLambdaARN: url }));
      assert.deepEqual(steps, ['createSecret', 'setSecret', 'testSecret', 'finishSecret']);
      const rotated = await current('svc/credential');
      seen.push(rotated.password);
      assert.notEqual(rotated.password, password);
      assert.equal(service.password, rotated.password);
    } finally {
      await new Promise<void>((resolve) => http.close(() => resolve()));
    }
  });

  it('rotates on schedule while the server runs, and stops after CancelRotateSecret', async () => {
    await sm.send(
      new RotateSecretCommand({
        SecretId: 'svc/credential',
        RotationLambdaARN: pathToFileURL(FUNCTION_PATH).href,
        RotationRules: { ScheduleExpression: 'rate(10 days)' },
        RotateImmediately: false,
      }),
    );
    const scheduled = await sm.send(new DescribeSecretCommand({ SecretId: 'svc/credential' }));
    const days = (scheduled.NextRotationDate!.getTime() - Date.now()) / 86_400_000;
    assert.ok(days > 9.9 && days <= 10, `next rotation in ${days} days`);
    const password = service.password;
    // Make the rotation due now, as ten days passing would.
    const db = new Database(join(server.dataDir, 'hush.db'));
    try {
      db.pragma('busy_timeout = 5000');
      db.prepare("UPDATE sm_secrets SET next_rotation_at = ? WHERE name = 'svc/credential'").run(
        Date.now() - 1000,
      );
    } finally {
      db.close();
    }
    let described = scheduled;
    while (described.LastRotatedDate?.getTime() === scheduled.LastRotatedDate?.getTime()) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      described = await sm.send(new DescribeSecretCommand({ SecretId: 'svc/credential' }));
    }
    const rotated = await current('svc/credential');
    seen.push(rotated.password);
    assert.notEqual(rotated.password, password);
    assert.equal(service.password, rotated.password);
    assert.ok(described.NextRotationDate!.getTime() > Date.now() + 9 * 86_400_000);

    const cancelled = await sm.send(new CancelRotateSecretCommand({ SecretId: 'svc/credential' }));
    assert.equal(cancelled.Name, 'svc/credential');
    const after = await sm.send(new DescribeSecretCommand({ SecretId: 'svc/credential' }));
    assert.equal(after.RotationEnabled, false);
    assert.equal(after.NextRotationDate, undefined);
  });

  it('needs a ClientRequestToken (InvalidParameterException) like AWS', async () => {
    const error = await awsError(() =>
      fetch(server.url, {
        method: 'POST',
        headers: {
          'x-amz-target': 'secretsmanager.RotateSecret',
          'content-type': 'application/x-amz-json-1.1',
          authorization:
            'AWS4-HMAC-SHA256 Credential=AKIAHUSHTEST/20260101/us-east-1/secretsmanager/aws4_request, SignedHeaders=host, Signature=abc',
        },
        body: JSON.stringify({ SecretId: 'svc/credential' }),
      }).then(async (r) => {
        const body = (await r.json()) as { __type: string; Message: string };
        throw Object.assign(new Error(body.Message), {
          name: body.__type,
          $metadata: { httpStatusCode: r.status },
        });
      }),
    );
    assert.equal(error.name, 'InvalidParameterException');
    assert.equal(
      error.message,
      'You must provide a ClientRequestToken value. We recommend a UUID-type value.',
    );
  });

  it('never writes a rotated password in plaintext to disk or to the log', () => {
    assertNoPlaintext(server, seen);
  });
});
