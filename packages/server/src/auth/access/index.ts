/**
 * The access checks for a request, keyed by the service's signing name and the operation name.
 * Operations without a specific mapping fall back to `<service>:<Operation>` on the resource their
 * id member names, or on `*`.
 */
import {
  type AccessCheck,
  type AccessMapper,
  anyResource,
  type MappingContext,
  type RequestInput,
} from './accessCheck.js';
import { kmsAccess, kmsDefaultAccess } from './kmsAccess.js';
import { secretsManagerAccess, secretsManagerDefaultAccess } from './secretsManagerAccess.js';
import { ssmAccess } from './ssmAccess.js';

const specific: Record<string, Record<string, AccessMapper>> = {
  ssm: ssmAccess,
  kms: kmsAccess,
  secretsmanager: secretsManagerAccess,
};

const fallback: Record<string, (operation: string) => AccessMapper> = {
  kms: kmsDefaultAccess,
  secretsmanager: secretsManagerDefaultAccess,
};

export function accessChecks(
  service: string,
  operation: string,
  input: RequestInput,
  ctx: MappingContext,
): AccessCheck[] {
  const mapper = specific[service]?.[operation] ?? fallback[service]?.(operation);
  return mapper ? mapper(input, ctx) : [anyResource(`${service}:${operation}`)];
}

export type { AccessCheck, MappingContext } from './accessCheck.js';
