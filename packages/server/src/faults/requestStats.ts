/** Counts the requests that reached each operation (round trips, for tests and benchmarks). */
import type { RequestHooks } from '../http/handleRequest.js';

export class RequestStats {
  private counts = new Map<string, number>();
  private since = new Date();

  hook(): RequestHooks {
    return {
      beforeOperation: (info) => {
        this.counts.set(info.target, (this.counts.get(info.target) ?? 0) + 1);
      },
    };
  }

  snapshot(): { since: number; total: number; byTarget: Record<string, number> } {
    let total = 0;
    for (const count of this.counts.values()) total += count;
    return { since: this.since.getTime() / 1000, total, byTarget: Object.fromEntries(this.counts) };
  }

  reset(): void {
    this.counts = new Map();
    this.since = new Date();
  }
}
