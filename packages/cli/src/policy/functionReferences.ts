/**
 * The functions of a Serverless service, SAM app or CloudFormation template, each with the
 * references its environment holds: native ones (`ssm:/…`, `secretsmanager:…`, `kms:…`) that hush
 * resolves at run time, and deploy-time ones (`${ssm:…}`, `{{resolve:…}}`) — counted as the runtime
 * reads that replace them, and reported so the caller can say so.
 */
import { findReferences, isReference, parseReference, type Reference } from 'hush/reference';
import { loadDocument } from '../scan/loadDocument.js';

export interface FunctionReferences {
  file: string;
  /** The Serverless function key or the CloudFormation logical id. */
  id: string;
  /**
   * The deployed name as far as the file tells it: `FunctionName`/`name`, the Serverless default
   * `<service>-<stage>-<key>`, or undefined (CloudFormation generates one).
   */
  name?: string;
  dialect: 'serverless' | 'cloudformation';
  /** A literal `kmsKeyArn`/`KmsKeyArn`, the key that encrypts `kms:` env values by default. */
  kmsKeyArn?: string;
  references: { variable: string; reference: Reference; deployTime: boolean }[];
  /** Env values that look like references but do not parse, with the reason. */
  invalid: { variable: string; reason: string }[];
}

type Json = unknown;
const isObject = (value: Json): value is Record<string, Json> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const at = (value: Json, ...path: string[]): Json =>
  path.reduce<Json>((node, key) => (isObject(node) ? node[key] : undefined), value);
const literal = (value: Json): string | undefined => (typeof value === 'string' ? value : undefined);

const FUNCTION_TYPES = new Set(['AWS::Serverless::Function', 'AWS::Lambda::Function']);
const SELF = /^\$\{self:([\w.-]+)\}$/;

function referencesIn(
  variables: Json,
  root: Json,
  into: Pick<FunctionReferences, 'references' | 'invalid'>,
): void {
  if (!isObject(variables)) return;
  for (const [variable, raw] of Object.entries(variables)) {
    let value = raw;
    // `${self:custom.x}` (Serverless): follow to what it names.
    for (let hop = 0; hop < 5 && typeof value === 'string' && SELF.test(value.trim()); hop++) {
      value = at(root, ...SELF.exec(value.trim())![1]!.split('.'));
    }
    if (typeof value !== 'string') continue;
    const text = value.trim();
    if (isReference(text) && !text.startsWith('${') && !text.startsWith('{{')) {
      try {
        into.references.push({ variable, reference: parseReference(text), deployTime: false });
      } catch (error) {
        into.invalid.push({ variable, reason: error instanceof Error ? error.message : String(error) });
      }
      continue;
    }
    for (const found of findReferences(text)) {
      if (found.result.ok)
        into.references.push({ variable, reference: found.result.reference, deployTime: true });
      else into.invalid.push({ variable, reason: found.result.error.message });
    }
  }
}

function fromCloudFormation(
  file: string,
  root: Json,
  resources: Json,
  sharedVariables: Json,
): FunctionReferences[] {
  const found: FunctionReferences[] = [];
  if (!isObject(resources)) return found;
  for (const [id, resource] of Object.entries(resources)) {
    const type = literal(at(resource, 'Type'));
    if (!type || !FUNCTION_TYPES.has(type)) continue;
    const fn: FunctionReferences = { file, id, dialect: 'cloudformation', references: [], invalid: [] };
    const name = literal(at(resource, 'Properties', 'FunctionName'));
    if (name) fn.name = name;
    const key = literal(at(resource, 'Properties', 'KmsKeyArn'));
    if (key?.startsWith('arn:')) fn.kmsKeyArn = key;
    if (type === 'AWS::Serverless::Function') referencesIn(sharedVariables, root, fn);
    referencesIn(at(resource, 'Properties', 'Environment', 'Variables'), root, fn);
    found.push(fn);
  }
  return found;
}

function fromServerless(file: string, root: Json, stage: string | undefined): FunctionReferences[] {
  const service = literal(at(root, 'service')) ?? literal(at(root, 'service', 'name'));
  const providerStage = literal(at(root, 'provider', 'stage'));
  const effectiveStage = stage ?? (providerStage && !providerStage.includes('${') ? providerStage : 'dev');
  const functions = at(root, 'functions');
  const declared: [string, Json][] = Array.isArray(functions)
    ? functions.flatMap((part) => (isObject(part) ? Object.entries(part) : []))
    : isObject(functions)
      ? Object.entries(functions)
      : [];
  const found = declared.map(([id, fn]): FunctionReferences => {
    const entry: FunctionReferences = { file, id, dialect: 'serverless', references: [], invalid: [] };
    const name = literal(at(fn, 'name')) ?? (service ? `${service}-${effectiveStage}-${id}` : undefined);
    if (name) entry.name = name;
    const key = literal(at(fn, 'kmsKeyArn')) ?? literal(at(root, 'provider', 'kmsKeyArn'));
    if (key?.startsWith('arn:')) entry.kmsKeyArn = key;
    referencesIn(at(root, 'provider', 'environment'), root, entry);
    referencesIn(at(fn, 'environment'), root, entry);
    return entry;
  });
  return [...found, ...fromCloudFormation(file, root, at(root, 'resources', 'Resources'), undefined)];
}

/** Throws the scanner's parse error (with line and column) for a file that does not parse. */
export function functionReferences(file: string, text: string, stage?: string): FunctionReferences[] {
  const root = loadDocument(file, text).doc.toJS({ maxAliasCount: 1000 }) as Json;
  const serverless =
    /(^|[\\/])serverless(\.[\w-]+)?\.(ya?ml|json)$/.test(file) ||
    (isObject(root) && 'service' in root && 'provider' in root);
  if (serverless) return fromServerless(file, root, stage);
  return fromCloudFormation(
    file,
    root,
    at(root, 'Resources'),
    at(root, 'Globals', 'Function', 'Environment', 'Variables'),
  );
}
