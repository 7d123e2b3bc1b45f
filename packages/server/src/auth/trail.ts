/**
 * What authorization decided for a request, kept beside the request so the audit log can record it
 * after the answer is sent. Keyed by the request object, so nothing outlives the request.
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

const trails = new WeakMap<IncomingMessage, Trail>();

export function trailOf(request: IncomingMessage): Trail {
  let trail = trails.get(request);
  if (!trail) {
    trail = { entries: [] };
    trails.set(request, trail);
  }
  return trail;
}

export const existingTrail = (request: IncomingMessage): Trail | undefined => trails.get(request);
