/**
 * What authorization decided for a request, kept beside the request so the audit log can record it
 * after the answer is sent. It lives on the request object, so nothing outlives the request.
 */
import type { IncomingMessage } from 'node:http';
import type { Identity } from './config.js';
import type { DecidingStatement, DenialReason } from './policy/evaluate.js';

export interface TrailEntry {
  action: string;
  resource: string;
  decision: 'Allow' | 'Deny';
  statement?: DecidingStatement | undefined;
  reason?: DenialReason | undefined;
  /** Set for a KMS call a service made on the caller's behalf (`ssm.us-east-1.amazonaws.com`). */
  viaService?: string | undefined;
  /**
   * Set for a check made for one item of a batch (the SecretId a BatchGetSecretValue named): it
   * decides that item, which the response reports in its errors, not the request.
   */
  item?: string | undefined;
}

export interface Trail {
  /** Who signed the request (strict mode); its ARN is the principal the audit log names. */
  identity?: Identity;
  entries: TrailEntry[];
}

/**
 * The trail rides on the request object itself rather than in a WeakMap keyed by it. V8's
 * young-generation collections kept such a WeakMap's entries, and what they reach, alive: every
 * strict request's trail, and with it about half a kilobyte of the request's objects, was promoted
 * to the old generation, which then needed a full collection every second or two under load.
 * Measured with `--trace-gc-nvp` over 60,000 strict GetParameter calls: 491 bytes promoted per
 * request with the WeakMap, 2-19 bytes this way; over 300,000 calls the WeakMap meant a mark-compact
 * every 1.5-2 s.
 */
const TRAIL = Symbol('hush.trail');
type CarriesTrail = IncomingMessage & { [TRAIL]?: Trail };

export function trailOf(request: IncomingMessage): Trail {
  const carrier = request as CarriesTrail;
  carrier[TRAIL] ??= { entries: [] };
  return carrier[TRAIL];
}

export const existingTrail = (request: IncomingMessage): Trail | undefined =>
  (request as CarriesTrail)[TRAIL];
