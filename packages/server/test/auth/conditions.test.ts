import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { conditionsHold, parseOperator, UnknownConditionOperator } from '../../src/auth/policy/conditions.js';
import type { ConditionBlock } from '../../src/auth/policy/document.js';
import { requestContext } from '../../src/auth/policy/requestContext.js';

const context = requestContext({
  'aws:username': 'alice',
  'aws:PrincipalArn': 'arn:aws:iam::000000000000:user/alice',
  'aws:CurrentTime': '2026-03-01T12:00:00Z',
  'aws:EpochTime': '1772366400',
  'aws:SourceIp': '10.1.2.3',
  'aws:SecureTransport': 'false',
  'kms:ViaService': 'ssm.us-east-1.amazonaws.com',
  'kms:EncryptionContext:LambdaFunctionName': 'orders',
  'kms:EncryptionContextKeys': ['LambdaFunctionName', 'stage'],
  'secretsmanager:VersionStage': 'AWSCURRENT',
  'ssm:Recursive': 'true',
});

const cases: [string, ConditionBlock, boolean][] = [
  ['StringEquals matches', { StringEquals: { 'aws:username': ['alice'] } }, true],
  ['StringEquals is case-sensitive on values', { StringEquals: { 'aws:username': ['Alice'] } }, false],
  ['condition key names are case-insensitive', { StringEquals: { 'AWS:UserName': ['alice'] } }, true],
  ['StringEquals: any of several values', { StringEquals: { 'aws:username': ['bob', 'alice'] } }, true],
  ['StringNotEquals: none of the values', { StringNotEquals: { 'aws:username': ['bob', 'carol'] } }, true],
  ['StringNotEquals: one value equal', { StringNotEquals: { 'aws:username': ['bob', 'alice'] } }, false],
  ['StringEqualsIgnoreCase', { StringEqualsIgnoreCase: { 'aws:username': ['ALICE'] } }, true],
  ['StringNotEqualsIgnoreCase', { StringNotEqualsIgnoreCase: { 'aws:username': ['ALICE'] } }, false],
  ['StringLike with *', { StringLike: { 'kms:ViaService': ['ssm.*.amazonaws.com'] } }, true],
  ['StringLike with ?', { StringLike: { 'aws:username': ['al?ce'] } }, true],
  ['StringLike mismatch', { StringLike: { 'kms:ViaService': ['secretsmanager.*'] } }, false],
  ['StringNotLike', { StringNotLike: { 'kms:ViaService': ['secretsmanager.*'] } }, true],
  [
    'policy variable in a value',
    { StringEquals: { 'aws:PrincipalArn': ['arn:aws:iam::000000000000:user/${aws:username}'] } },
    true,
  ],
  ['missing policy variable matches nothing', { StringLike: { 'aws:username': ['${aws:nope}*'] } }, false],
  [
    'missing key: positive operator is false',
    { StringEquals: { 'kms:EncryptionContext:Other': ['x'] } },
    false,
  ],
  [
    'missing key: negated operator is true',
    { StringNotEquals: { 'kms:EncryptionContext:Other': ['x'] } },
    true,
  ],
  ['missing key: IfExists is true', { StringEqualsIfExists: { 'kms:EncryptionContext:Other': ['x'] } }, true],
  ['present key: IfExists still compares', { StringEqualsIfExists: { 'aws:username': ['bob'] } }, false],
  [
    'encryption context key',
    { StringEquals: { 'kms:EncryptionContext:LambdaFunctionName': ['orders'] } },
    true,
  ],
  [
    'encryption context key, other function',
    { StringEquals: { 'kms:EncryptionContext:LambdaFunctionName': ['billing'] } },
    false,
  ],
  [
    'ForAnyValue on a multi-valued key',
    { 'ForAnyValue:StringEquals': { 'kms:EncryptionContextKeys': ['stage'] } },
    true,
  ],
  [
    'ForAnyValue with no match',
    { 'ForAnyValue:StringEquals': { 'kms:EncryptionContextKeys': ['tenant'] } },
    false,
  ],
  ['ForAnyValue on a missing key is false', { 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['a'] } }, false],
  [
    'ForAllValues: every value allowed',
    { 'ForAllValues:StringEquals': { 'kms:EncryptionContextKeys': ['LambdaFunctionName', 'stage', 'x'] } },
    true,
  ],
  [
    'ForAllValues: one value not allowed',
    { 'ForAllValues:StringEquals': { 'kms:EncryptionContextKeys': ['LambdaFunctionName'] } },
    false,
  ],
  ['ForAllValues on a missing key is true', { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['a'] } }, true],
  [
    'ForAllValues:StringNotEquals',
    { 'ForAllValues:StringNotEquals': { 'kms:EncryptionContextKeys': ['tenant'] } },
    true,
  ],
  [
    'ForAnyValue:StringNotEquals',
    { 'ForAnyValue:StringNotEquals': { 'kms:EncryptionContextKeys': ['stage'] } },
    true,
  ],
  ['Null true on a missing key', { Null: { 'kms:EncryptionContext:Other': ['true'] } }, true],
  ['Null false on a present key', { Null: { 'kms:EncryptionContext:LambdaFunctionName': ['false'] } }, true],
  ['Null true on a present key', { Null: { 'aws:username': ['true'] } }, false],
  ['Bool', { Bool: { 'aws:SecureTransport': ['false'] } }, true],
  ['Bool mismatch', { Bool: { 'aws:SecureTransport': ['true'] } }, false],
  ['Bool from a policy boolean', { Bool: { 'ssm:Recursive': ['true'] } }, true],
  ['NumericLessThan', { NumericLessThan: { 'aws:EpochTime': ['1800000000'] } }, true],
  ['NumericGreaterThanEquals', { NumericGreaterThanEquals: { 'aws:EpochTime': ['1772366400'] } }, true],
  ['NumericEquals with a non-number', { NumericEquals: { 'aws:EpochTime': ['soon'] } }, false],
  ['NumericNotEquals', { NumericNotEquals: { 'aws:EpochTime': ['1'] } }, true],
  ['NumericGreaterThan', { NumericGreaterThan: { 'aws:EpochTime': ['1772366400'] } }, false],
  ['NumericLessThanEquals', { NumericLessThanEquals: { 'aws:EpochTime': ['1772366400'] } }, true],
  ['DateLessThan', { DateLessThan: { 'aws:CurrentTime': ['2026-12-31T00:00:00Z'] } }, true],
  ['DateGreaterThan', { DateGreaterThan: { 'aws:CurrentTime': ['2026-12-31T00:00:00Z'] } }, false],
  ['DateEquals with epoch seconds', { DateEquals: { 'aws:CurrentTime': ['1772366400'] } }, true],
  ['DateNotEquals', { DateNotEquals: { 'aws:CurrentTime': ['2020-01-01T00:00:00Z'] } }, true],
  ['DateGreaterThanEquals', { DateGreaterThanEquals: { 'aws:CurrentTime': ['2026-03-01T12:00:00Z'] } }, true],
  ['DateLessThanEquals', { DateLessThanEquals: { 'aws:CurrentTime': ['2026-03-01T11:59:59Z'] } }, false],
  ['IpAddress in CIDR', { IpAddress: { 'aws:SourceIp': ['10.0.0.0/8'] } }, true],
  ['IpAddress outside CIDR', { IpAddress: { 'aws:SourceIp': ['192.168.0.0/16'] } }, false],
  ['NotIpAddress', { NotIpAddress: { 'aws:SourceIp': ['192.168.0.0/16'] } }, true],
  ['IpAddress single host', { IpAddress: { 'aws:SourceIp': ['10.1.2.3'] } }, true],
  ['ArnLike', { ArnLike: { 'aws:PrincipalArn': ['arn:aws:iam::*:user/al*'] } }, true],
  [
    'ArnLike: * does not cross ARN parts',
    { ArnLike: { 'aws:PrincipalArn': ['arn:aws:iam:*:user/alice'] } },
    false,
  ],
  ['ArnEquals', { ArnEquals: { 'aws:PrincipalArn': ['arn:aws:iam::000000000000:user/alice'] } }, true],
  ['ArnNotEquals', { ArnNotEquals: { 'aws:PrincipalArn': ['arn:aws:iam::000000000000:user/alice'] } }, false],
  ['ArnNotLike', { ArnNotLike: { 'aws:PrincipalArn': ['arn:aws:iam::*:role/*'] } }, true],
  [
    'several keys in one operator are ANDed',
    { StringEquals: { 'aws:username': ['alice'], 'secretsmanager:VersionStage': ['AWSPREVIOUS'] } },
    false,
  ],
  [
    'several operators are ANDed',
    { StringEquals: { 'aws:username': ['alice'] }, StringLike: { 'kms:ViaService': ['ssm.*'] } },
    true,
  ],
  ['an empty block holds', {}, true],
];

describe('IAM condition operators', () => {
  for (const [name, block, expected] of cases) {
    it(name, () => assert.equal(conditionsHold(block, context), expected));
  }

  it('parses qualifiers and IfExists', () => {
    const parsed = parseOperator('ForAllValues:StringLikeIfExists');
    assert.equal(parsed.set, 'ForAllValues');
    assert.equal(parsed.ifExists, true);
  });

  it('refuses an unknown operator', () => {
    assert.throws(() => parseOperator('StringSortOf'), UnknownConditionOperator);
  });
});
