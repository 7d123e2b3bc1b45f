/**
 * The control endpoint on the server's own port, beside the AWS API:
 *   GET    /_hush/faults        → {"faults": [...]}                                   hush:ListFaults
 *   POST   /_hush/faults        ← {"faults": [spec | rule, ...]} or {"fault": spec}  hush:ControlFaults
 *   DELETE /_hush/faults[?id=N] → removes one rule or all                             hush:ControlFaults
 *   GET    /_hush/stats         → requests per X-Amz-Target since start or last reset  hush:ReadStats
 *   DELETE /_hush/stats         → resets the counts                                   hush:ResetStats
 *
 * Each route names the IAM action it needs. Whoever starts the endpoint may hand it a guard (strict
 * mode does): every request, known route or not, then passes the guard before anything is read or
 * changed, and a refusal is answered with the guard's AWS-shaped error.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody } from '../http/readBody.js';
import { AwsError } from '../protocol/awsError.js';
import type { FaultInjector } from './faultInjector.js';
import { type FaultRule, FaultSpecError, faultRuleFromJson } from './faultSpec.js';
import type { RequestStats } from './requestStats.js';

export const CONTROL_PREFIX = '/_hush/';
const MAX_CONTROL_BODY = 64 * 1024;

/** Decides who may use the control endpoint. */
export interface ControlGuard {
  /**
   * Authenticates the request and, when `action` is given, authorizes it; throws an AwsError to
   * refuse. The body is passed because a SigV4 signature covers it.
   */
  check(request: IncomingMessage, body: Buffer, action: string | undefined): void;
}

/** One answered control request, for the audit log. */
export interface ControlAnswer {
  request: IncomingMessage;
  requestId: string;
  /** The route's IAM action; absent for an unknown route. */
  action?: string;
  status: number;
  errorCode?: string;
}

export interface ControlOptions {
  guard?: ControlGuard | undefined;
  onAnswer?: ((answer: ControlAnswer) => void) | undefined;
}

interface Route {
  action: string;
  run(url: URL, body: Buffer): unknown;
}

function routes(injector: FaultInjector, stats: RequestStats): Record<string, Route> {
  return {
    'GET /_hush/faults': { action: 'hush:ListFaults', run: () => ({ faults: injector.list() }) },
    'POST /_hush/faults': {
      action: 'hush:ControlFaults',
      run: (_url, body) => ({ faults: readRules(body).map((rule) => injector.add(rule)) }),
    },
    'DELETE /_hush/faults': {
      action: 'hush:ControlFaults',
      run: (url) => {
        const id = url.searchParams.get('id');
        return { removed: injector.remove(id === null ? undefined : Number(id)) };
      },
    },
    'GET /_hush/stats': { action: 'hush:ReadStats', run: () => stats.snapshot() },
    'DELETE /_hush/stats': {
      action: 'hush:ResetStats',
      run: () => {
        stats.reset();
        return stats.snapshot();
      },
    },
  };
}

export function createControlEndpoint(
  injector: FaultInjector,
  stats: RequestStats,
  options: ControlOptions = {},
) {
  const table = routes(injector, stats);
  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const requestId = randomUUID();
    const url = new URL(request.url ?? '/', 'http://control');
    const routeName = `${request.method} ${url.pathname}`;
    const route = Object.hasOwn(table, routeName) ? table[routeName] : undefined;
    let status: number;
    let errorCode: string | undefined;
    try {
      // Read every body, GET included: a signature covers the payload, so the guard needs it.
      const body = await readBody(request, MAX_CONTROL_BODY);
      options.guard?.check(request, body, route?.action);
      if (!route) status = reply(response, requestId, 404, { error: `no control route ${routeName}` });
      else status = reply(response, requestId, 200, route.run(url, body));
    } catch (error) {
      if (error instanceof AwsError) {
        errorCode = error.code;
        status = reply(response, requestId, error.status, { __type: error.code, message: error.message });
      } else {
        const message = error instanceof FaultSpecError ? error.message : 'the body must be JSON';
        status = reply(response, requestId, 400, { error: message });
      }
    }
    options.onAnswer?.({
      request,
      requestId,
      ...(route ? { action: route.action } : {}),
      status,
      ...(errorCode ? { errorCode } : {}),
    });
  };
}

function readRules(body: Buffer): FaultRule[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    throw new FaultSpecError('the body must be JSON: {"faults": ["latency=20ms", ...]}');
  }
  const fields = (parsed ?? {}) as { faults?: unknown; fault?: unknown };
  const list = Array.isArray(fields.faults)
    ? fields.faults
    : fields.fault !== undefined
      ? [fields.fault]
      : undefined;
  if (!list) throw new FaultSpecError('the body must hold "faults": [spec, ...] or "fault": spec');
  return list.map(faultRuleFromJson);
}

function reply(response: ServerResponse, requestId: string, status: number, body: unknown): number {
  const payload = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(payload),
    'x-amzn-requestid': requestId,
  });
  response.end(payload);
  return status;
}
