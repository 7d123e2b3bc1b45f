/**
 * The key policy AWS gives its managed keys (`aws/ssm`, `aws/secretsmanager`): every principal of
 * the account may use the key through that service, and only metadata calls are allowed directly.
 * That is why no one can disable, delete, tag or re-police such a key.
 */
import type { Scope } from './engine.js';

export function awsManagedKeyPolicy(service: string, scope: Scope): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Id: `auto-${service}`,
    Statement: [
      {
        Sid: `Allow access through ${service} for all principals in the account that are authorized to use ${service}`,
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Action: [
          'kms:Encrypt',
          'kms:Decrypt',
          'kms:ReEncrypt*',
          'kms:GenerateDataKey*',
          'kms:CreateGrant',
          'kms:DescribeKey',
        ],
        Resource: '*',
        Condition: {
          StringEquals: {
            'kms:ViaService': `${service}.${scope.region}.amazonaws.com`,
            'kms:CallerAccount': scope.account,
          },
        },
      },
      {
        Sid: 'Allow direct access to key metadata to the account',
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${scope.account}:root` },
        Action: ['kms:Describe*', 'kms:Get*', 'kms:List*', 'kms:RevokeGrant'],
        Resource: '*',
      },
    ],
  });
}
