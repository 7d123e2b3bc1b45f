/**
 * Declarative input shapes, after the AWS service models: each member states its type and the
 * constraints the API reference documents (length, pattern, range, enum). `validate` turns a JSON
 * request body into a typed value or into AWS's ValidationException wording:
 *
 *   1 validation error detected: Value 'x' at 'name' failed to satisfy constraint: Member must …
 *
 * Member paths are lower camel case and lists are 1-based (`tags.1.member.key`), as AWS writes them.
 * Sensitive members (secret values, plaintexts) never echo their value in a message.
 */
import { validationError } from './awsError.js';

interface Common {
  required?: boolean;
  sensitive?: boolean;
}
export interface StringShape extends Common {
  kind: 'string';
  min?: number;
  max?: number;
  pattern?: RegExp;
  /** The pattern as AWS prints it in messages, when it differs from `pattern.source`. */
  patternText?: string;
  enum?: readonly string[];
}
export interface IntegerShape extends Common {
  kind: 'integer';
  min?: number;
  max?: number;
}
export interface BooleanShape extends Common {
  kind: 'boolean';
}
export interface TimestampShape extends Common {
  kind: 'timestamp';
}
export interface BlobShape extends Common {
  kind: 'blob';
  min?: number;
  max?: number;
}
export interface ListShape<M extends Shape = Shape> extends Common {
  kind: 'list';
  member: M;
  min?: number;
  max?: number;
}
export interface MapShape<V extends Shape = Shape> extends Common {
  kind: 'map';
  key: StringShape;
  value: V;
  min?: number;
  max?: number;
}
export interface StructureShape<M extends Record<string, Shape> = Record<string, Shape>> extends Common {
  kind: 'structure';
  members: M;
}
export type Shape =
  | StringShape
  | IntegerShape
  | BooleanShape
  | TimestampShape
  | BlobShape
  | ListShape
  | MapShape
  | StructureShape;

type Opts<S> = Omit<S, 'kind' | 'member' | 'members' | 'key' | 'value'>;

export const string = <const O extends Opts<StringShape>>(opts?: O): StringShape & NoInfer<O> =>
  ({ kind: 'string', ...opts }) as StringShape & O;
export const integer = <const O extends Opts<IntegerShape>>(opts?: O): IntegerShape & NoInfer<O> =>
  ({ kind: 'integer', ...opts }) as IntegerShape & O;
export const boolean = <const O extends Opts<BooleanShape>>(opts?: O): BooleanShape & NoInfer<O> =>
  ({ kind: 'boolean', ...opts }) as BooleanShape & O;
export const timestamp = <const O extends Opts<TimestampShape>>(opts?: O): TimestampShape & NoInfer<O> =>
  ({ kind: 'timestamp', ...opts }) as TimestampShape & O;
export const blob = <const O extends Opts<BlobShape>>(opts?: O): BlobShape & NoInfer<O> =>
  ({ kind: 'blob', ...opts }) as BlobShape & O;
export const list = <const M extends Shape, const O extends Opts<ListShape>>(
  member: M,
  opts?: O,
): ListShape<M> & NoInfer<O> => ({ kind: 'list', member, ...opts }) as ListShape<M> & O;
export const map = <V extends Shape, const O extends Opts<MapShape>>(
  key: StringShape,
  value: V,
  opts?: O,
): MapShape<V> & NoInfer<O> => ({ kind: 'map', key, value, ...opts }) as MapShape<V> & O;
export const structure = <const M extends Record<string, Shape>, const O extends Opts<StructureShape>>(
  members: M,
  opts?: O,
): StructureShape<M> & NoInfer<O> => ({ kind: 'structure', members, ...opts }) as StructureShape<M> & O;

/** The TypeScript type a shape validates to. */
export type Infer<S extends Shape> = S extends { kind: 'string'; enum: readonly (infer E extends string)[] }
  ? E
  : S extends { kind: 'string' }
    ? string
    : S extends { kind: 'integer' }
      ? number
      : S extends { kind: 'boolean' }
        ? boolean
        : S extends { kind: 'timestamp' }
          ? Date
          : S extends { kind: 'blob' }
            ? Buffer
            : S extends { kind: 'list'; member: infer M extends Shape }
              ? Infer<M>[]
              : S extends { kind: 'map'; value: infer V extends Shape }
                ? Record<string, Infer<V>>
                : S extends { kind: 'structure'; members: infer M extends Record<string, Shape> }
                  ? InferMembers<M>
                  : never;

type RequiredKeys<M extends Record<string, Shape>> = {
  [K in keyof M]: M[K] extends { required: true } ? K : never;
}[keyof M];
type Simplify<T> = { [K in keyof T]: T[K] } & {};
type InferMembers<M extends Record<string, Shape>> = Simplify<
  { [K in RequiredKeys<M>]: Infer<M[K]> } & { [K in Exclude<keyof M, RequiredKeys<M>>]?: Infer<M[K]> }
>;

const lowerFirst = (name: string): string => name.charAt(0).toLowerCase() + name.slice(1);

/** Java-style rendering, as AWS's messages print values (`[a, b]`, `{k=v}`). */
function render(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(render).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.entries(value)
      .map(([k, v]) => `${k}=${render(v)}`)
      .join(', ')}}`;
  }
  return String(value);
}

function failure(path: string, shape: Shape, value: unknown, constraint: string): string {
  const shown = value === null || value === undefined ? 'null' : shape.sensitive ? '' : `'${render(value)}'`;
  return `Value${shown === '' ? '' : ` ${shown}`} at '${path}' failed to satisfy constraint: ${constraint}`;
}

const TYPE_NAMES: Record<Shape['kind'], string> = {
  string: 'a string',
  integer: 'an integer',
  boolean: 'a boolean',
  timestamp: 'a timestamp',
  blob: 'a base64-encoded binary value',
  list: 'a list',
  map: 'a map',
  structure: 'a structure',
};

function lengthChecks(
  path: string,
  shape: Shape & { min?: number; max?: number },
  value: unknown,
  length: number,
  errors: string[],
): void {
  if (shape.min !== undefined && length < shape.min) {
    errors.push(failure(path, shape, value, `Member must have length greater than or equal to ${shape.min}`));
  }
  if (shape.max !== undefined && length > shape.max) {
    errors.push(failure(path, shape, value, `Member must have length less than or equal to ${shape.max}`));
  }
}

/** A string's length as AWS counts it, in code points (`[...text].length`) without an array of them. */
function codePoints(text: string): number {
  let count = text.length;
  for (let i = 0; i + 1 < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0xd800 || unit > 0xdbff) continue;
    const next = text.charCodeAt(i + 1);
    if (next >= 0xdc00 && next <= 0xdfff) {
      count--;
      i++;
    }
  }
  return count;
}

interface Member {
  name: string;
  /** The name as a message's path writes it. */
  pathName: string;
  shape: Shape;
}

/** Each structure's members listed once: every request validates its input against one. */
const memberLists = new WeakMap<StructureShape, readonly Member[]>();
function membersOf(shape: StructureShape): readonly Member[] {
  let members = memberLists.get(shape);
  if (!members) {
    members = Object.entries(shape.members).map(([name, member]) => ({
      name,
      pathName: lowerFirst(name),
      shape: member,
    }));
    memberLists.set(shape, members);
  }
  return members;
}

/**
 * A shape as a required member, made once per shape: a structure's member list is kept by its shape
 * object (`membersOf`), so a list of structures must hand over the same object every time.
 */
const requiredShapes = new WeakMap<Shape, Shape>();
function asRequired(shape: Shape): Shape {
  let required = requiredShapes.get(shape);
  if (!required) {
    required = { ...shape, required: true } as Shape;
    requiredShapes.set(shape, required);
  }
  return required;
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function check(shape: Shape, value: unknown, path: string, errors: string[]): unknown {
  if (value === undefined || value === null) {
    if (shape.required) errors.push(failure(path, shape, null, 'Member must not be null'));
    return undefined;
  }
  const wrongType = (): undefined => {
    errors.push(failure(path, shape, value, `Member must be ${TYPE_NAMES[shape.kind]}`));
    return undefined;
  };
  switch (shape.kind) {
    case 'string': {
      if (typeof value !== 'string') return wrongType();
      const before = errors.length;
      if (shape.min !== undefined || shape.max !== undefined) {
        lengthChecks(path, shape, value, codePoints(value), errors);
      }
      if (shape.pattern && !shape.pattern.test(value)) {
        errors.push(
          failure(
            path,
            shape,
            value,
            `Member must satisfy regular expression pattern: ${shape.patternText ?? shape.pattern.source}`,
          ),
        );
      }
      if (shape.enum && !shape.enum.includes(value)) {
        errors.push(
          failure(path, shape, value, `Member must satisfy enum value set: [${shape.enum.join(', ')}]`),
        );
      }
      return errors.length === before ? value : undefined;
    }
    case 'integer': {
      if (typeof value !== 'number' || !Number.isInteger(value)) return wrongType();
      if (shape.min !== undefined && value < shape.min) {
        errors.push(
          failure(path, shape, value, `Member must have value greater than or equal to ${shape.min}`),
        );
      }
      if (shape.max !== undefined && value > shape.max) {
        errors.push(failure(path, shape, value, `Member must have value less than or equal to ${shape.max}`));
      }
      return value;
    }
    case 'boolean':
      return typeof value === 'boolean' ? value : wrongType();
    case 'timestamp':
      if (typeof value === 'number' && Number.isFinite(value)) return new Date(value * 1000);
      if (typeof value === 'string' && !Number.isNaN(Date.parse(value))) return new Date(value);
      return wrongType();
    case 'blob': {
      if (typeof value !== 'string' || !BASE64.test(value)) return wrongType();
      const bytes = Buffer.from(value, 'base64');
      lengthChecks(path, shape, value, bytes.length, errors);
      return bytes;
    }
    case 'list': {
      if (!Array.isArray(value)) return wrongType();
      lengthChecks(path, shape, value, value.length, errors);
      // A list never holds nulls: each element is checked as if required.
      const element = asRequired(shape.member);
      return value.map((item, i) => check(element, item, `${path}.${i + 1}.member`, errors));
    }
    case 'map': {
      if (typeof value !== 'object' || Array.isArray(value)) return wrongType();
      const entries = Object.entries(value as Record<string, unknown>);
      lengthChecks(path, shape, value, entries.length, errors);
      const out: Record<string, unknown> = {};
      const valueShape = asRequired(shape.value);
      for (const [key, item] of entries) {
        check(shape.key, key, `${path}.key`, errors);
        out[key] = check(valueShape, item, `${path}.${key}.member`, errors);
      }
      return out;
    }
    case 'structure': {
      if (typeof value !== 'object' || Array.isArray(value)) return wrongType();
      const input = value as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const { name, pathName, shape: member } of membersOf(shape)) {
        const memberPath = path === '' ? pathName : `${path}.${pathName}`;
        const checked = check(member, input[name], memberPath, errors);
        if (checked !== undefined) out[name] = checked;
      }
      return out;
    }
  }
}

/** Validates a parsed JSON body against a structure shape; throws ValidationException on failure. */
export function validate<S extends StructureShape>(shape: S, body: unknown): Infer<S> {
  return validateUntyped(shape, body) as Infer<S>;
}

/** `validate` for callers that hold an operation of unknown input type (the request pipeline). */
export function validateUntyped(shape: StructureShape, body: unknown): unknown {
  const errors: string[] = [];
  const value = check(shape, body ?? {}, '', errors);
  if (errors.length > 0) throw validationError(errors);
  return value;
}
