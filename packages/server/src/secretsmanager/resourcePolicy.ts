/**
 * Resource policies are stored as the JSON documents they are, after the checks AWS makes when one
 * is put: valid JSON, a well-formed IAM policy, and (with BlockPublicPolicy) no grant to everyone.
 */
import { type Policy, PolicyError, parsePolicy } from '../auth/policy/document.js';
import { AwsError } from '../protocol/awsError.js';

export const malformedPolicy = (detail: string): AwsError =>
  new AwsError('MalformedPolicyDocumentException', `This resource policy contains ${detail}.`);

export function checkPolicy(document: string): Policy {
  let parsed: unknown;
  try {
    parsed = JSON.parse(document);
  } catch {
    throw malformedPolicy('a syntax error');
  }
  try {
    const policy = parsePolicy(parsed, 'resource-policy');
    if (policy.statements.some((s) => s.principals === undefined)) {
      throw new PolicyError('a statement without a principal');
    }
    return policy;
  } catch (error) {
    if (error instanceof PolicyError) throw malformedPolicy(error.message);
    throw error;
  }
}

export const grantsPublicAccess = (policy: Policy): boolean =>
  policy.statements.some(
    (s) =>
      s.effect === 'Allow' &&
      s.principals?.spec.any &&
      !s.principals.negated &&
      Object.keys(s.conditions).length === 0,
  );
