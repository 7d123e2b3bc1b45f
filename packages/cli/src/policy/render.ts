/**
 * The policy as an IAM policy document (JSON), as a Serverless `provider.iam.role.statements`
 * snippet, or as a SAM `Policies` snippet — where strings holding `${AWS::…}` pseudo parameters
 * become `!Sub` so CloudFormation substitutes them.
 */
import { Document, isScalar, visit } from 'yaml';
import type { IamStatement } from './statements.js';

export type PolicyFormat = 'json' | 'serverless' | 'sam';

export const PLACEHOLDERS = {
  json: { region: '${AWS::Region}', account: '${AWS::AccountId}' },
  sam: { region: '${AWS::Region}', account: '${AWS::AccountId}' },
  serverless: { region: '${aws:region}', account: '${aws:accountId}' },
} as const;

export function policyDocument(statements: IamStatement[]) {
  return { Version: '2012-10-17', Statement: statements };
}

export function renderPolicy(statements: IamStatement[], format: PolicyFormat): string {
  if (format === 'json') return `${JSON.stringify(policyDocument(statements), null, 2)}\n`;
  if (format === 'serverless') {
    return new Document({ provider: { iam: { role: { statements } } } }).toString({ lineWidth: 0 });
  }
  const doc = new Document({ Policies: [policyDocument(statements)] });
  visit(doc, {
    Scalar(_key, node) {
      if (!isScalar(node) || typeof node.value !== 'string') return;
      if (/\$\{AWS::/.test(node.value)) node.tag = '!Sub';
      // YAML 1.1 readers (cfn-lint, PyYAML) would take an unquoted 2012-10-17 for a date.
      if (node.value === '2012-10-17') node.type = 'QUOTE_SINGLE';
    },
  });
  return doc.toString({ lineWidth: 0 });
}
