/**
 * The control endpoint on the server's own port, beside the AWS API:
 *   GET    /_hush/faults        → {"faults": [...]}
 *   POST   /_hush/faults        ← {"faults": [spec | rule, ...]} or {"fault": spec} → the added rules
 *   DELETE /_hush/faults[?id=N] → removes one rule or all
 *   GET    /_hush/stats         → requests per X-Amz-Target since start or the last reset
 *   DELETE /_hush/stats         → resets the counts
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody } from '../http/readBody.js';
import type { FaultInjector } from './faultInjector.js';
import { type FaultRule, FaultSpecError, faultRuleFromJson } from './faultSpec.js';
import type { RequestStats } from './requestStats.js';

export const CONTROL_PREFIX = '/_hush/';
const MAX_CONTROL_BODY = 64 * 1024;

export function createControlEndpoint(injector: FaultInjector, stats: RequestStats) {
  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = new URL(request.url ?? '/', 'http://control');
    try {
      const route = `${request.method} ${url.pathname}`;
      if (route === 'GET /_hush/faults') return reply(response, 200, { faults: injector.list() });
      if (route === 'POST /_hush/faults') {
        const rules = readRules(await readBody(request, MAX_CONTROL_BODY));
        return reply(response, 200, { faults: rules.map((rule) => injector.add(rule)) });
      }
      if (route === 'DELETE /_hush/faults') {
        const id = url.searchParams.get('id');
        return reply(response, 200, { removed: injector.remove(id === null ? undefined : Number(id)) });
      }
      if (route === 'GET /_hush/stats') return reply(response, 200, stats.snapshot());
      if (route === 'DELETE /_hush/stats') {
        stats.reset();
        return reply(response, 200, stats.snapshot());
      }
      return reply(response, 404, { error: `no control route ${route}` });
    } catch (error) {
      const message = error instanceof FaultSpecError ? error.message : 'the body must be JSON';
      return reply(response, 400, { error: message });
    }
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

function reply(response: ServerResponse, status: number, body: unknown): void {
  const payload = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(payload),
  });
  response.end(payload);
}
