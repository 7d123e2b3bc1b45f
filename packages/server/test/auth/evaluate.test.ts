import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PolicyError, parsePolicy } from '../../src/auth/policy/document.js';
import {
  type AuthorizationRequest,
  accessDeniedMessage,
  type DenialReason,
  evaluate,
} from '../../src/auth/policy/evaluate.js';
import { requestContext } from '../../src/auth/policy/requestContext.js';
import { actionMatches, arnMatches } from '../../src/auth/policy/wildcard.js';

const ACCOUNT = '000000000000';
const KEY = `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const PARAM = `arn:aws:ssm:us-east-1:${ACCOUNT}:parameter/prod/db/password`;
const SECRET = `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:prod/stripe-AbCdEf`;
const alice = {
  arn: `arn:aws:iam::${ACCOUNT}:user/alice`,
  principalArn: `arn:aws:iam::${ACCOUNT}:user/alice`,
  accountId: ACCOUNT,
};
const fnRole = {
  arn: `arn:aws:sts::${ACCOUNT}:assumed-role/orders-role/orders`,
  principalArn: `arn:aws:iam::${ACCOUNT}:role/orders-role`,
  accountId: ACCOUNT,
};

type Doc = { Statement: unknown };
const allow = (Action: unknown, Resource: unknown = '*', extra: object = {}) => ({
  Effect: 'Allow',
  Action,
  Resource,
  ...extra,
});
const deny = (Action: unknown, Resource: unknown = '*', extra: object = {}) => ({
  Effect: 'Deny',
  Action,
  Resource,
  ...extra,
});
const doc = (...Statement: unknown[]): Doc => ({ Statement });

const DEFAULT_KEY_POLICY = doc({
  Sid: 'Enable IAM User Permissions',
  Effect: 'Allow',
  Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
  Action: 'kms:*',
  Resource: '*',
});

interface Case {
  name: string;
  identity?: Doc[];
  keyPolicy?: Doc;
  resourcePolicy?: Doc;
  action: string;
  resource: string;
  principal?: typeof alice;
  context?: Record<string, string | string[]>;
  expect: 'Allow' | DenialReason;
  sid?: string;
}

const cases: Case[] = [
  {
    name: 'no policy at all: implicit deny',
    action: 'ssm:GetParameter',
    resource: PARAM,
    expect: 'no-identity-allow',
  },
  {
    name: 'exact action and resource',
    identity: [doc(allow('ssm:GetParameter', PARAM))],
    action: 'ssm:GetParameter',
    resource: PARAM,
    expect: 'Allow',
  },
  {
    name: 'action wildcard',
    identity: [doc(allow('ssm:Get*', PARAM))],
    action: 'ssm:GetParameter',
    resource: PARAM,
    expect: 'Allow',
  },
  {
    name: 'actions are case-insensitive',
    identity: [doc(allow('SSM:getparameter', PARAM))],
    action: 'ssm:GetParameter',
    resource: PARAM,
    expect: 'Allow',
  },
  {
    name: 'action list',
    identity: [doc(allow(['kms:Encrypt', 'ssm:GetParameter'], PARAM))],
    action: 'ssm:GetParameter',
    resource: PARAM,
    expect: 'Allow',
  },
  {
    name: 'other action',
    identity: [doc(allow('ssm:PutParameter', PARAM))],
    action: 'ssm:GetParameter',
    resource: PARAM,
    expect: 'no-identity-allow',
  },
  {
    name: 'resource wildcard on a path',
    identity: [doc(allow('ssm:GetParameter', `arn:aws:ssm:*:${ACCOUNT}:parameter/prod/*`))],
    action: 'ssm:GetParameter',
    resource: PARAM,
    expect: 'Allow',
  },
  {
    name: 'resources are case-sensitive',
    identity: [doc(allow('ssm:GetParameter', PARAM.toUpperCase()))],
    action: 'ssm:GetParameter',
    resource: PARAM,
    expect: 'no-identity-allow',
  },
  {
    name: 'other path',
    identity: [doc(allow('ssm:GetParameter', `arn:aws:ssm:*:${ACCOUNT}:parameter/dev/*`))],
    action: 'ssm:GetParameter',
    resource: PARAM,
    expect: 'no-identity-allow',
  },
  {
    name: 'explicit deny beats allow',
    identity: [doc(allow('*'), { Sid: 'NoSsm', ...deny('ssm:*') })],
    action: 'ssm:GetParameter',
    resource: PARAM,
    expect: 'explicit-identity',
    sid: 'NoSsm',
  },
  {
    name: 'deny in another policy still wins',
    identity: [doc(allow('*')), doc(deny('ssm:GetParameter', PARAM))],
    action: 'ssm:GetParameter',
    resource: PARAM,
    expect: 'explicit-identity',
  },
  {
    name: 'deny on another resource does not apply',
    identity: [doc(allow('*'), deny('ssm:*', `arn:aws:ssm:*:*:parameter/admin/*`))],
    action: 'ssm:GetParameter',
    resource: PARAM,
    expect: 'Allow',
  },
  {
    name: 'NotAction allows everything else',
    identity: [doc({ Effect: 'Allow', NotAction: 'kms:*', Resource: '*' })],
    action: 'ssm:GetParameter',
    resource: PARAM,
    expect: 'Allow',
  },
  {
    name: 'NotAction excludes the named action',
    identity: [doc({ Effect: 'Allow', NotAction: 'ssm:Get*', Resource: '*' })],
    action: 'ssm:GetParameter',
    resource: PARAM,
    expect: 'no-identity-allow',
  },
  {
    name: 'NotResource allows other resources',
    identity: [doc({ Effect: 'Allow', Action: 'ssm:*', NotResource: `arn:aws:ssm:*:*:parameter/admin/*` })],
    action: 'ssm:GetParameter',
    resource: PARAM,
    expect: 'Allow',
  },
  {
    name: 'NotResource excludes the named resource',
    identity: [doc({ Effect: 'Allow', Action: 'ssm:*', NotResource: PARAM })],
    action: 'ssm:GetParameter',
    resource: PARAM,
    expect: 'no-identity-allow',
  },
  {
    name: 'Deny with NotResource',
    identity: [
      doc(allow('*'), { Effect: 'Deny', Action: 'ssm:*', NotResource: `arn:aws:ssm:*:*:parameter/dev/*` }),
    ],
    action: 'ssm:GetParameter',
    resource: PARAM,
    expect: 'explicit-identity',
  },
  {
    name: 'condition that holds',
    identity: [
      doc(allow('ssm:GetParameter', '*', { Condition: { StringEquals: { 'aws:username': 'alice' } } })),
    ],
    action: 'ssm:GetParameter',
    resource: PARAM,
    context: { 'aws:username': 'alice' },
    expect: 'Allow',
  },
  {
    name: 'condition that fails',
    identity: [
      doc(allow('ssm:GetParameter', '*', { Condition: { StringEquals: { 'aws:username': 'bob' } } })),
    ],
    action: 'ssm:GetParameter',
    resource: PARAM,
    context: { 'aws:username': 'alice' },
    expect: 'no-identity-allow',
  },
  {
    name: 'policy variable in Resource',
    identity: [doc(allow('ssm:GetParameter', `arn:aws:ssm:*:*:parameter/home/\${aws:username}/*`))],
    action: 'ssm:GetParameter',
    resource: `arn:aws:ssm:us-east-1:${ACCOUNT}:parameter/home/alice/token`,
    context: { 'aws:username': 'alice' },
    expect: 'Allow',
  },
  // KMS: the key policy decides, delegating to IAM through the account principal.
  {
    name: 'KMS: default key policy + identity allow',
    identity: [doc(allow('kms:Decrypt', KEY))],
    keyPolicy: DEFAULT_KEY_POLICY,
    action: 'kms:Decrypt',
    resource: KEY,
    expect: 'Allow',
  },
  {
    name: 'KMS: default key policy, no identity allow',
    keyPolicy: DEFAULT_KEY_POLICY,
    action: 'kms:Decrypt',
    resource: KEY,
    expect: 'no-identity-allow',
  },
  {
    name: 'KMS: key policy without delegation refuses identity allows',
    identity: [doc(allow('kms:*'))],
    keyPolicy: doc({
      Effect: 'Allow',
      Principal: { AWS: fnRole.principalArn },
      Action: 'kms:Decrypt',
      Resource: '*',
    }),
    action: 'kms:Decrypt',
    resource: KEY,
    expect: 'no-resource-allow',
  },
  {
    name: 'KMS: key policy granting the role directly',
    keyPolicy: doc({
      Sid: 'Fn',
      Effect: 'Allow',
      Principal: { AWS: fnRole.principalArn },
      Action: 'kms:Decrypt',
      Resource: '*',
    }),
    principal: fnRole,
    action: 'kms:Decrypt',
    resource: KEY,
    expect: 'Allow',
    sid: 'Fn',
  },
  {
    name: 'KMS: key policy naming the session ARN',
    keyPolicy: doc({ Effect: 'Allow', Principal: { AWS: [fnRole.arn] }, Action: 'kms:*', Resource: '*' }),
    principal: fnRole,
    action: 'kms:Decrypt',
    resource: KEY,
    expect: 'Allow',
  },
  {
    name: 'KMS: Principal "*" with a condition',
    keyPolicy: doc({
      Effect: 'Allow',
      Principal: '*',
      Action: 'kms:Decrypt',
      Resource: '*',
      Condition: { StringEquals: { 'kms:ViaService': 'ssm.us-east-1.amazonaws.com' } },
    }),
    action: 'kms:Decrypt',
    resource: KEY,
    context: { 'kms:ViaService': 'ssm.us-east-1.amazonaws.com' },
    expect: 'Allow',
  },
  {
    name: 'KMS: Principal "*" condition not met',
    keyPolicy: doc({
      Effect: 'Allow',
      Principal: { AWS: '*' },
      Action: 'kms:Decrypt',
      Resource: '*',
      Condition: { StringEquals: { 'kms:ViaService': 'ssm.us-east-1.amazonaws.com' } },
    }),
    action: 'kms:Decrypt',
    resource: KEY,
    expect: 'no-resource-allow',
  },
  {
    name: 'KMS: identity deny beats a key policy grant',
    identity: [doc({ Sid: 'BlockKMSDecryptForAllResources', ...deny('kms:Decrypt') })],
    keyPolicy: doc({ Effect: 'Allow', Principal: '*', Action: 'kms:*', Resource: '*' }),
    action: 'kms:Decrypt',
    resource: KEY,
    expect: 'explicit-identity',
    sid: 'BlockKMSDecryptForAllResources',
  },
  {
    name: 'KMS: key policy deny for the account',
    identity: [doc(allow('kms:*'))],
    keyPolicy: doc(...(DEFAULT_KEY_POLICY.Statement as unknown[]), {
      Effect: 'Deny',
      Principal: { AWS: ACCOUNT },
      Action: 'kms:Decrypt',
      Resource: '*',
    }),
    action: 'kms:Decrypt',
    resource: KEY,
    expect: 'explicit-resource',
  },
  {
    name: 'KMS: EncryptionContext condition (function role)',
    identity: [
      doc(
        allow('kms:Decrypt', '*', {
          Condition: { StringEquals: { 'kms:EncryptionContext:LambdaFunctionName': 'orders' } },
        }),
      ),
    ],
    keyPolicy: DEFAULT_KEY_POLICY,
    principal: fnRole,
    action: 'kms:Decrypt',
    resource: KEY,
    context: { 'kms:EncryptionContext:LambdaFunctionName': 'orders' },
    expect: 'Allow',
  },
  {
    name: 'KMS: EncryptionContext of another function',
    identity: [
      doc(
        allow('kms:Decrypt', '*', {
          Condition: { StringEquals: { 'kms:EncryptionContext:LambdaFunctionName': 'orders' } },
        }),
      ),
    ],
    keyPolicy: DEFAULT_KEY_POLICY,
    principal: fnRole,
    action: 'kms:Decrypt',
    resource: KEY,
    context: { 'kms:EncryptionContext:LambdaFunctionName': 'billing' },
    expect: 'no-identity-allow',
  },
  // Secrets Manager: a resource policy adds grants; identity allows suffice on their own.
  {
    name: 'secret: identity allow without resource policy',
    identity: [
      doc(allow('secretsmanager:GetSecretValue', `arn:aws:secretsmanager:*:*:secret:prod/stripe-??????`)),
    ],
    action: 'secretsmanager:GetSecretValue',
    resource: SECRET,
    expect: 'Allow',
  },
  {
    name: 'secret: resource policy grants the caller',
    resourcePolicy: doc({
      Sid: 'Alice',
      Effect: 'Allow',
      Principal: { AWS: alice.arn },
      Action: 'secretsmanager:GetSecretValue',
      Resource: '*',
    }),
    action: 'secretsmanager:GetSecretValue',
    resource: SECRET,
    expect: 'Allow',
    sid: 'Alice',
  },
  {
    name: 'secret: resource policy naming the account grants nothing alone',
    resourcePolicy: doc({
      Effect: 'Allow',
      Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
      Action: 'secretsmanager:*',
      Resource: '*',
    }),
    action: 'secretsmanager:GetSecretValue',
    resource: SECRET,
    expect: 'no-identity-allow',
  },
  {
    name: 'secret: resource policy for someone else',
    resourcePolicy: doc({
      Effect: 'Allow',
      Principal: { AWS: fnRole.principalArn },
      Action: 'secretsmanager:*',
      Resource: '*',
    }),
    action: 'secretsmanager:GetSecretValue',
    resource: SECRET,
    expect: 'no-identity-allow',
  },
  {
    name: 'secret: resource policy deny',
    identity: [doc(allow('secretsmanager:*'))],
    resourcePolicy: doc({
      Effect: 'Deny',
      Principal: '*',
      Action: 'secretsmanager:GetSecretValue',
      Resource: '*',
      Condition: { StringNotEquals: { 'secretsmanager:VersionStage': 'AWSCURRENT' } },
    }),
    action: 'secretsmanager:GetSecretValue',
    resource: SECRET,
    context: { 'secretsmanager:VersionStage': 'AWSPREVIOUS' },
    expect: 'explicit-resource',
  },
  {
    name: 'secret: NotPrincipal deny spares the named principal',
    identity: [doc(allow('secretsmanager:*'))],
    resourcePolicy: doc({
      Effect: 'Deny',
      NotPrincipal: { AWS: alice.arn },
      Action: 'secretsmanager:*',
      Resource: '*',
    }),
    action: 'secretsmanager:GetSecretValue',
    resource: SECRET,
    expect: 'Allow',
  },
  {
    name: 'secret: NotPrincipal deny hits everyone else',
    identity: [doc(allow('secretsmanager:*'))],
    resourcePolicy: doc({
      Effect: 'Deny',
      NotPrincipal: { AWS: alice.arn },
      Action: 'secretsmanager:*',
      Resource: '*',
    }),
    principal: fnRole,
    action: 'secretsmanager:GetSecretValue',
    resource: SECRET,
    expect: 'explicit-resource',
  },
  {
    name: 'secret: condition on VersionStage',
    identity: [
      doc(
        allow('secretsmanager:GetSecretValue', '*', {
          Condition: { StringEquals: { 'secretsmanager:VersionStage': 'AWSCURRENT' } },
        }),
      ),
    ],
    action: 'secretsmanager:GetSecretValue',
    resource: SECRET,
    context: { 'secretsmanager:VersionStage': 'AWSPREVIOUS' },
    expect: 'no-identity-allow',
  },
];

describe('IAM policy evaluation', () => {
  for (const c of cases) {
    it(c.name, () => {
      const request: AuthorizationRequest = {
        principal: c.principal ?? alice,
        action: c.action,
        resource: c.resource,
        context: requestContext(c.context ?? {}),
        identityPolicies: (c.identity ?? []).map((d, i) => parsePolicy(d, `user/alice:p${i}`)),
        resourcePolicy: c.keyPolicy
          ? { policy: parsePolicy(c.keyPolicy, 'key-policy'), kind: 'kms-key' }
          : c.resourcePolicy
            ? { policy: parsePolicy(JSON.stringify(c.resourcePolicy), 'resource-policy'), kind: 'resource' }
            : undefined,
      };
      const decision = evaluate(request);
      assert.equal(decision.effect === 'Allow' ? 'Allow' : decision.reason, c.expect);
      if (c.sid !== undefined) assert.equal(decision.statement?.sid, c.sid);
    });
  }
});

describe('AccessDenied wording', () => {
  const request: AuthorizationRequest = {
    principal: alice,
    action: 'kms:Decrypt',
    resource: KEY,
    context: requestContext({}),
    identityPolicies: [],
  };
  it('names the principal, action, resource and the missing allow', () => {
    assert.equal(
      accessDeniedMessage(request, 'no-identity-allow'),
      `User: arn:aws:iam::000000000000:user/alice is not authorized to perform: kms:Decrypt on resource: ${KEY} because no identity-based policy allows the kms:Decrypt action`,
    );
  });
  it('names an explicit deny', () => {
    assert.equal(
      accessDeniedMessage(request, 'explicit-identity'),
      `User: arn:aws:iam::000000000000:user/alice is not authorized to perform: kms:Decrypt on resource: ${KEY} with an explicit deny in an identity-based policy`,
    );
    assert.match(
      accessDeniedMessage(request, 'explicit-resource'),
      /with an explicit deny in a resource-based policy$/,
    );
    assert.match(
      accessDeniedMessage(request, 'no-resource-allow'),
      /because no resource-based policy allows the kms:Decrypt action$/,
    );
  });
});

describe('policy documents', () => {
  const bad: [string, unknown][] = [
    ['not JSON', '{"Statement": ['],
    ['no Statement', { Version: '2012-10-17' }],
    ['bad Effect', doc({ Effect: 'Maybe', Action: '*', Resource: '*' })],
    ['no Action', doc({ Effect: 'Allow', Resource: '*' })],
    ['Action and NotAction', doc({ Effect: 'Allow', Action: '*', NotAction: 'kms:*', Resource: '*' })],
    ['empty Action list', doc({ Effect: 'Allow', Action: [], Resource: '*' })],
    ['Condition not an object', doc({ Effect: 'Allow', Action: '*', Resource: '*', Condition: 'yes' })],
  ];
  for (const [name, document] of bad) {
    it(`refuses a policy with ${name}`, () => assert.throws(() => parsePolicy(document, 'p'), PolicyError));
  }
  it('accepts a lone statement object and single strings', () => {
    const policy = parsePolicy({ Statement: { Effect: 'Allow', Action: 'kms:Decrypt', Resource: KEY } }, 'p');
    assert.deepEqual(policy.statements[0]?.actions, { negated: false, patterns: ['kms:Decrypt'] });
  });
});

describe('wildcards', () => {
  const table: [string, string, boolean][] = [
    ['kms:*', 'kms:Decrypt', true],
    ['kms:De?rypt', 'kms:Decrypt', true],
    ['kms:Re*', 'kms:Decrypt', false],
    ['*', 'ssm:GetParameter', true],
  ];
  for (const [pattern, action, expected] of table) {
    it(`action ${pattern} vs ${action}`, () => assert.equal(actionMatches(pattern, action), expected));
  }
  const arns: [string, string, boolean][] = [
    ['arn:aws:kms:*:*:key/*', KEY, true],
    ['arn:aws:kms:eu-west-1:*:key/*', KEY, false],
    ['arn:aws:ssm:*:*:parameter/prod/*', PARAM, true],
    ['arn:aws:ssm:*:*:parameter/prod', PARAM, false],
    ['arn:aws:secretsmanager:*:*:secret:prod/stripe-??????', SECRET, true],
    ['arn:aws:secretsmanager:*:*:secret:prod/strip-??????', SECRET, false],
    ['arn:aws:ssm:*:parameter/prod/*', PARAM, false],
  ];
  for (const [pattern, arn, expected] of arns) {
    it(`resource ${pattern}`, () => assert.equal(arnMatches(pattern, arn), expected));
  }
});
