/** Fault injection and request counting for `hush serve`: hooks for the pipeline plus the control endpoint. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHooks } from '../http/handleRequest.js';
import { CONTROL_PREFIX, type ControlOptions, createControlEndpoint } from './controlEndpoint.js';
import { FaultInjector } from './faultInjector.js';
import { parseFaultSpec } from './faultSpec.js';
import { RequestStats } from './requestStats.js';

export type { ControlAnswer, ControlGuard, ControlOptions } from './controlEndpoint.js';
export { FaultSpecError, parseFaultSpec } from './faultSpec.js';
export { CONTROL_PREFIX };

export interface FaultControl {
  injector: FaultInjector;
  stats: RequestStats;
  /** Counting first, so a faulted call still counts as a round trip. */
  hooks: RequestHooks[];
  isControlRequest(request: IncomingMessage): boolean;
  handleControl(request: IncomingMessage, response: ServerResponse): Promise<void>;
}

export function createFaultControl(
  specs: readonly string[] = [],
  controlOptions: ControlOptions = {},
): FaultControl {
  const injector = new FaultInjector();
  for (const spec of specs) injector.add(parseFaultSpec(spec));
  const stats = new RequestStats();
  return {
    injector,
    stats,
    hooks: [stats.hook(), injector.hook()],
    isControlRequest: (request) => (request.url ?? '').startsWith(CONTROL_PREFIX),
    handleControl: createControlEndpoint(injector, stats, controlOptions),
  };
}
