/** The libraries compared, each with a tiny handler module (handlers/) and a scenario module (peers/). */
import { join } from 'node:path';
import { BENCH_DIR } from '../support/report.js';

export interface Peer {
  name: 'hush' | 'powertools' | 'middy';
  label: string;
  handler: string;
}

const handler = (name: string) => join(BENCH_DIR, 'runtime', 'handlers', `${name}.mjs`);

export const PEERS: readonly Peer[] = [
  { name: 'hush', label: 'hush', handler: handler('hush') },
  { name: 'powertools', label: '@aws-lambda-powertools/parameters v2', handler: handler('powertools') },
  { name: 'middy', label: '@middy/ssm + secrets-manager v6', handler: handler('middy') },
];

/** Node itself running a handler that fetches nothing: the floor under every cold start. */
export const EMPTY_HANDLER = handler('empty');

/** One unsigned request written by hand over node:net: the floor under every first value. */
export const BARE_REQUEST_HANDLER = handler('bareRequest');
