/**
 * Parameter names as SSM accepts them: the rules PutParameter enforces on a new name, and the
 * forms the read operations accept (`name`, `name:version`, `name:label`, the parameter's ARN).
 */
import { parameterArn } from '../auth/access/ssmAccess.js';
import type { Scope } from '../kms/engine.js';
import { AwsError } from '../protocol/awsError.js';

export { parameterArn };

export const MAX_HIERARCHY_LEVELS = 15;

const SEGMENT = '[A-Za-z0-9_.\\-]+';
const FLAT_NAME = new RegExp(`^${SEGMENT}$`);
const PATH_NAME = new RegExp(`^(?:/${SEGMENT})+$`);

const validation = (message: string) => new AwsError('ValidationException', message);

/** AWS's answer to a name outside the grammar (it names the `ssm` prefix rule whatever the fault). */
export const invalidNameError = () =>
  validation(
    'Parameter name: can\'t be prefixed with "ssm" (case-insensitive). If formed as a path, it can consist of ' +
      'sub-paths divided by slash symbol; each sub-path can be formed as a mix of letters, numbers and the ' +
      'following 3 symbols .-_',
  );

export const isWellFormedName = (name: string): boolean =>
  name.includes('/') ? PATH_NAME.test(name) : FLAT_NAME.test(name);

/** The checks PutParameter makes on the name of the parameter it writes, in AWS's order. */
export function assertWritableName(name: string): void {
  if (name.includes('/') && !name.startsWith('/')) {
    throw validation('Parameter name must be a fully qualified name.');
  }
  const lower = name.toLowerCase();
  const bare = lower.replace(/^\//, '');
  if (bare.startsWith('aws') || bare.startsWith('ssm')) {
    const isPath = (name.match(/\//g) ?? []).length > 1;
    if (isPath && lower.startsWith('/aws')) {
      throw new AwsError('AccessDeniedException', `No access to reserved parameter name: ${name}.`);
    }
    if (isPath) throw invalidNameError();
    throw validation('Parameter name: can\'t be prefixed with "aws" or "ssm" (case-insensitive).');
  }
  if (!isWellFormedName(name)) throw invalidNameError();
  if (name.split('/').filter(Boolean).length > MAX_HIERARCHY_LEVELS) {
    throw new AwsError(
      'HierarchyLevelLimitExceededException',
      'A hierarchy can have a maximum of 15 levels. For more information, see Requirements and constraints ' +
        'for parameter names in the Amazon Web Services Systems Manager User Guide.',
    );
  }
}

export type Selector = { kind: 'version'; version: number } | { kind: 'label'; label: string };

export interface ParameterReference {
  /** The candidate stored names, most likely first (an ARN drops the leading slash). */
  names: string[];
  selector?: Selector;
  /** The selector as AWS echoes it in `Parameter.Selector` (`:3`, `:live`). */
  selectorText?: string;
}

function parseSelector(text: string): Selector {
  return /^[0-9]+$/.test(text) ? { kind: 'version', version: Number(text) } : { kind: 'label', label: text };
}

/**
 * Reads a name as GetParameter(s) accept it. Returns undefined for a name no parameter of this
 * account and region can have (another region's ARN, a malformed selector).
 */
export function parseReference(scope: Scope, reference: string): ParameterReference | undefined {
  let base = reference;
  let selectorText: string | undefined;
  let names: string[];
  if (reference.startsWith('arn:')) {
    const parts = reference.split(':');
    const [, partition, service, region, account, resource] = parts;
    if (parts.length > 7 || partition !== 'aws' || service !== 'ssm' || !resource?.startsWith('parameter/')) {
      return undefined;
    }
    if (region !== scope.region || account !== scope.account) return undefined;
    selectorText = parts[6];
    const path = resource.slice('parameter/'.length);
    names = path.includes('/') ? [`/${path}`] : [path, `/${path}`];
  } else {
    const colon = reference.indexOf(':');
    if (colon >= 0) {
      base = reference.slice(0, colon);
      selectorText = reference.slice(colon + 1);
    }
    names = [base];
  }
  if (selectorText === undefined) return { names };
  if (selectorText === '' || selectorText.includes(':')) return undefined;
  return { names, selector: parseSelector(selectorText), selectorText: `:${selectorText}` };
}
