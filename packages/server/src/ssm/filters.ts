/**
 * `ParameterFilters` of DescribeParameters and GetParametersByPath: which keys and options each
 * operation allows (API reference, ParameterStringFilter), the errors for the rest, and matching.
 */
import { AwsError } from '../protocol/awsError.js';
import type { ParameterVersion, Tag } from './parameterStore.js';

export interface StringFilter {
  Key: string;
  Option?: string;
  Values?: string[];
}

export type FilterUse = 'DescribeParameters' | 'GetParametersByPath';

const VALID_KEYS: Record<FilterUse, readonly string[]> = {
  DescribeParameters: ['Path', 'Name', 'Type', 'KeyId', 'Tier', 'DataType', 'tag'],
  GetParametersByPath: ['Type', 'KeyId', 'Label'],
};

const VALID_VALUES: Record<string, readonly string[]> = {
  Type: ['String', 'StringList', 'SecureString'],
  Tier: ['Standard', 'Advanced', 'Intelligent-Tiering'],
};

const keyKind = (key: string): string => (key.startsWith('tag:') ? 'tag' : key);

export const optionOf = (filter: StringFilter): string =>
  filter.Option ?? (filter.Key === 'Path' ? 'OneLevel' : 'Equals');

function validOptions(filter: StringFilter, use: FilterUse): readonly string[] {
  if (filter.Key === 'Path') return ['Recursive', 'OneLevel'];
  if (filter.Key === 'Label') return ['Equals'];
  if (filter.Key === 'Name' && use === 'DescribeParameters') return ['BeginsWith', 'Contains', 'Equals'];
  return ['BeginsWith', 'Equals'];
}

const PATH_VALUE = /^\/(?:[A-Za-z0-9_.-]+(?:\/[A-Za-z0-9_.-]+)*\/?)?$/;

/** A hierarchy path as by-path reads and Path filters accept it (`/`, `/a/b`, `/a/b/`). */
export const isValidPath = (path: string): boolean => PATH_VALUE.test(path);

function checkPathValues(values: readonly string[]): void {
  for (const value of values) {
    if (/^\/(aws|ssm)/i.test(value)) {
      throw new AwsError(
        'ValidationException',
        'Filters for common parameters can\'t be prefixed with "aws" or "ssm" (case-insensitive). ' +
          'When using global parameters, please specify within a global namespace.',
      );
    }
    if (!PATH_VALUE.test(value)) throw invalidPathError();
  }
}

/** AWS's message for a path outside the parameter-name grammar. */
export const invalidPathError = () =>
  new AwsError(
    'ValidationException',
    "The parameter doesn't meet the parameter name requirements. The parameter name must begin with a forward " +
      'slash "/". It can\'t be prefixed with "aws" or "ssm" (case-insensitive). It must use only letters, ' +
      'numbers, or the following symbols: . (period), - (hyphen), _ (underscore). Special characters are not ' +
      'allowed. All sub-paths, if specified, must use the forward slash symbol "/". Valid example: ' +
      '/get/parameters2-/by1./path0_.',
  );

/** Throws the error AWS gives for the first filter it refuses. */
export function checkFilters(filters: readonly StringFilter[], use: FilterUse): void {
  const seen = new Set<string>();
  for (const filter of filters) {
    const validKeys = VALID_KEYS[use];
    if (!validKeys.includes(keyKind(filter.Key))) {
      throw new AwsError(
        'InvalidFilterKey',
        `The following filter key is not valid: ${filter.Key}. Valid filter keys include: [${validKeys.join(', ')}].`,
      );
    }
    if (seen.has(filter.Key)) {
      throw new AwsError(
        'InvalidFilterKey',
        `The following filter is duplicated in the request: ${filter.Key}. A request can contain only one occurrence of a specific filter.`,
      );
    }
    seen.add(filter.Key);
    const values = filter.Values ?? [];
    if (values.length === 0 && keyKind(filter.Key) !== 'tag') {
      throw new AwsError(
        'InvalidFilterValue',
        `The following filter values are missing : null for filter key ${filter.Key}.`,
      );
    }
    const options = validOptions(filter, use);
    const option = optionOf(filter);
    if (!options.includes(option)) {
      throw new AwsError(
        'InvalidFilterOption',
        `The following filter option is not valid: ${option}. Valid options include: [${options.join(', ')}].`,
      );
    }
    const allowed = VALID_VALUES[filter.Key];
    const wrong = allowed && values.find((value) => !allowed.includes(value));
    if (allowed && wrong !== undefined) {
      throw new AwsError(
        'InvalidFilterOption',
        `The following filter value is not valid: ${wrong}. Valid values include: [${allowed.join(', ')}].`,
      );
    }
    if (filter.Key === 'Path') checkPathValues(values);
  }
}

const rooted = (name: string): string => `/${name.replace(/^\/+/, '')}`;

function compare(option: string, subject: string, value: string): boolean {
  if (option === 'BeginsWith') return subject.startsWith(value);
  if (option === 'Contains') return subject.includes(value);
  return subject === value;
}

export function matchesPath(option: string, name: string, value: string): boolean {
  if (!name.startsWith('/')) return false;
  const path = value.replace(/\/+$/, '');
  if (path === '') return option === 'Recursive' || !name.slice(1).includes('/');
  if (!name.startsWith(`${path}/`)) return false;
  return option === 'Recursive' || !name.slice(path.length + 1).includes('/');
}

export interface FilterSubject {
  version: ParameterVersion;
  tags(): Tag[];
}

/** Whether a parameter passes one filter (Label is matched by the caller, who picks the version). */
export function matchesFilter(filter: StringFilter, subject: FilterSubject): boolean {
  const option = optionOf(filter);
  const values = filter.Values ?? [];
  const v = subject.version;
  const any = (candidate: string | null, normalize: (s: string) => string = (s) => s) =>
    candidate !== null && values.some((value) => compare(option, candidate, normalize(value)));
  switch (filter.Key) {
    case 'Name':
      return option === 'Contains' ? any(v.name) : any(rooted(v.name), rooted);
    case 'Path':
      return values.some((value) => matchesPath(option, v.name, value));
    case 'Type':
      return any(v.type);
    case 'KeyId':
      return any(v.keyId);
    case 'Tier':
      return any(v.tier);
    case 'DataType':
      return any(v.dataType);
    case 'Label':
      return true;
    default: {
      const tagKey = filter.Key.slice('tag:'.length);
      const tag = subject.tags().find((t) => t.Key === tagKey);
      if (!tag) return false;
      return values.length === 0 || values.some((value) => compare(option, tag.Value, value));
    }
  }
}
