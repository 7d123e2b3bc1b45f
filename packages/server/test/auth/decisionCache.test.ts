import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DecisionCache } from '../../src/auth/policy/decisionCache.js';
import { parsePolicy } from '../../src/auth/policy/document.js';
import { type AuthorizationRequest, evaluate } from '../../src/auth/policy/evaluate.js';
import type { ContextValue } from '../../src/auth/policy/requestContext.js';

const ACCOUNT = '000000000000';
const PARAM = `arn:aws:ssm:us-east-1:${ACCOUNT}:parameter/prod/db/password`;
const KEY = `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const alice = {
  arn: `arn:aws:iam::${ACCOUNT}:user/alice`,
  principalArn: `arn:aws:iam::${ACCOUNT}:user/alice`,
  accountId: ACCOUNT,
};

const policy = (name: string, statement: object[]) =>
  parsePolicy(JSON.stringify({ Version: '2012-10-17', Statement: statement }), name);

/** A context whose values the test sets, counting how often each key is read. */
function liveContext(values: Record<string, ContextValue>) {
  const reads = new Map<string, number>();
  return {
    values,
    reads,
    get(key: string) {
      reads.set(key, (reads.get(key) ?? 0) + 1);
      return values[key];
    },
  };
}

const request = (over: Partial<AuthorizationRequest>): AuthorizationRequest => ({
  principal: alice,
  action: 'ssm:GetParameter',
  resource: PARAM,
  context: liveContext({}),
  identityPolicies: [],
  ...over,
});

describe('IAM decision cache', () => {
  it('answers as evaluate does, and again when a condition key it read changes value', () => {
    const cache = new DecisionCache();
    const identityPolicies = [
      policy('by-ip', [
        {
          Effect: 'Allow',
          Action: 'ssm:GetParameter',
          Resource: '*',
          Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } },
        },
      ]),
    ];
    const context = liveContext({ 'aws:sourceip': '10.1.2.3' });
    const call = request({ identityPolicies, context });
    assert.equal(cache.evaluate(call).effect, 'Allow');
    assert.equal(cache.evaluate(call).effect, 'Allow');
    context.values['aws:sourceip'] = '192.168.0.1';
    assert.deepEqual(cache.evaluate(call), evaluate(call));
    assert.equal(cache.evaluate(call).effect, 'Deny');
    context.values['aws:sourceip'] = '10.9.9.9';
    assert.equal(cache.evaluate(call).effect, 'Allow');
  });

  it('compares multi-valued keys by their items', () => {
    const cache = new DecisionCache();
    const identityPolicies = [
      policy('keys', [
        {
          Effect: 'Allow',
          Action: 'kms:Decrypt',
          Resource: '*',
          Condition: { 'ForAllValues:StringEquals': { 'kms:EncryptionContextKeys': ['PARAMETER_ARN'] } },
        },
      ]),
    ];
    const keyPolicy = parsePolicy(
      JSON.stringify({
        Statement: [
          {
            Effect: 'Allow',
            Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
            Action: 'kms:*',
            Resource: '*',
          },
        ],
      }),
      'key-policy',
    );
    const context = liveContext({ 'kms:encryptioncontextkeys': ['PARAMETER_ARN'] });
    const call = request({
      action: 'kms:Decrypt',
      resource: KEY,
      identityPolicies,
      context,
      resourcePolicy: { policy: keyPolicy, kind: 'kms-key' },
    });
    assert.equal(cache.evaluate(call).effect, 'Allow');
    context.values['kms:encryptioncontextkeys'] = ['PARAMETER_ARN'];
    assert.equal(cache.evaluate(call).effect, 'Allow', 'an equal list in a new array');
    context.values['kms:encryptioncontextkeys'] = ['PARAMETER_ARN', 'Other'];
    assert.equal(cache.evaluate(call).effect, 'Deny');
  });

  it('reads no condition key again for a policy without conditions', () => {
    const cache = new DecisionCache();
    const identityPolicies = [policy('all', [{ Effect: 'Allow', Action: 'ssm:*', Resource: '*' }])];
    const context = liveContext({ 'aws:sourceip': '10.1.2.3' });
    for (let i = 0; i < 3; i++) {
      assert.equal(cache.evaluate(request({ identityPolicies, context })).effect, 'Allow');
    }
    assert.equal(context.reads.size, 0);
  });

  it('does not reuse a decision under other policies, another action or another resource', () => {
    const cache = new DecisionCache();
    const allowAll = [policy('all', [{ Effect: 'Allow', Action: 'ssm:GetParameter', Resource: PARAM }])];
    const denyAll = [policy('none', [{ Effect: 'Deny', Action: 'ssm:GetParameter', Resource: '*' }])];
    assert.equal(cache.evaluate(request({ identityPolicies: allowAll })).effect, 'Allow');
    assert.equal(cache.evaluate(request({ identityPolicies: denyAll })).effect, 'Deny');
    assert.equal(
      cache.evaluate(request({ identityPolicies: allowAll, action: 'ssm:PutParameter' })).effect,
      'Deny',
    );
    assert.equal(
      cache.evaluate(request({ identityPolicies: allowAll, resource: `${PARAM}-other` })).effect,
      'Deny',
    );
    const secretPolicy = parsePolicy(
      JSON.stringify({ Statement: [{ Effect: 'Deny', Principal: '*', Action: '*', Resource: '*' }] }),
      'resource-policy',
    );
    assert.equal(
      cache.evaluate(
        request({ identityPolicies: allowAll, resourcePolicy: { policy: secretPolicy, kind: 'resource' } }),
      ).effect,
      'Deny',
    );
  });
});
