/**
 * SSM Parameter Store: the IAM action is `ssm:<Operation>`, the resource the parameter's ARN
 * (`arn:aws:ssm:<region>:<account>:parameter/<name without leading slash>`), every name of a batch
 * checked. Decrypting a SecureString is a separate `kms:Decrypt`, checked when SSM calls KMS.
 */
import type { Scope } from '../../kms/engine.js';
import {
  type AccessMapper,
  anyResource,
  type CheckContext,
  type RequestInput,
  stringListMember,
  stringMember,
} from './accessCheck.js';

/** A parameter name (maybe with a `:version`/`:label` selector, maybe an ARN) → its ARN. */
export function parameterArn(scope: Scope, name: string): string {
  if (name.startsWith('arn:')) {
    const parts = name.split(':');
    return [...parts.slice(0, 5), parts[5] ?? ''].join(':');
  }
  const colon = name.indexOf(':');
  const bare = colon < 0 ? name : name.slice(0, colon);
  return `arn:aws:ssm:${scope.region}:${scope.account}:parameter/${bare.startsWith('/') ? bare.slice(1) : bare}`;
}

const boolKey = (input: RequestInput, name: string): string | undefined =>
  typeof input[name] === 'boolean' ? String(input[name]) : undefined;

const onNamed =
  (
    operation: string,
    member = 'Name',
    extra: (input: RequestInput) => CheckContext = () => ({}),
  ): AccessMapper =>
  (input, { scope }) => {
    const names = member.endsWith('s')
      ? stringListMember(input, member)
      : [stringMember(input, member) ?? ''];
    return names.map((name) => ({
      action: `ssm:${operation}`,
      resource: parameterArn(scope, name),
      context: extra(input),
    }));
  };

const onTaggedResource =
  (operation: string): AccessMapper =>
  (input, { scope }) => {
    const id = stringMember(input, 'ResourceId') ?? '';
    if (stringMember(input, 'ResourceType') !== 'Parameter') return [anyResource(`ssm:${operation}`)];
    return [{ action: `ssm:${operation}`, resource: parameterArn(scope, id), context: {} }];
  };

export const ssmAccess: Record<string, AccessMapper> = {
  GetParameter: onNamed('GetParameter'),
  GetParameters: onNamed('GetParameters', 'Names'),
  GetParametersByPath: (input, { scope }) => {
    const path = stringMember(input, 'Path') ?? '/';
    const trimmed = path.length > 1 ? path.replace(/\/$/, '') : path;
    return [
      {
        action: 'ssm:GetParametersByPath',
        resource: trimmed === '/' ? parameterArn(scope, '') : parameterArn(scope, trimmed),
        context: { 'ssm:Recursive': boolKey(input, 'Recursive') },
      },
    ];
  },
  PutParameter: onNamed('PutParameter', 'Name', (input) => ({
    'ssm:Overwrite': boolKey(input, 'Overwrite'),
  })),
  DeleteParameter: onNamed('DeleteParameter'),
  DeleteParameters: onNamed('DeleteParameters', 'Names'),
  GetParameterHistory: onNamed('GetParameterHistory'),
  LabelParameterVersion: onNamed('LabelParameterVersion'),
  UnlabelParameterVersion: onNamed('UnlabelParameterVersion'),
  DescribeParameters: () => [anyResource('ssm:DescribeParameters')],
  AddTagsToResource: onTaggedResource('AddTagsToResource'),
  RemoveTagsFromResource: onTaggedResource('RemoveTagsFromResource'),
  ListTagsForResource: onTaggedResource('ListTagsForResource'),
};
