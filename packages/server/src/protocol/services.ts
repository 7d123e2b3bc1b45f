/**
 * The services the endpoint speaks, keyed by their `X-Amz-Target` prefix. Each service brings its
 * operations, its tables, and the name AWS gives the `message` member of its errors.
 */
import type { Migration } from '../store/store.js';
import type { Operation } from './operation.js';

export interface Service {
  /** The X-Amz-Target prefix before the dot: `AmazonSSM`, `TrentService`, `secretsmanager`. */
  targetPrefix: string;
  /** The SigV4 signing name (`ssm`, `kms`, `secretsmanager`). */
  signingName: string;
  operations: readonly Operation[];
  migrations: readonly Migration[];
  /** The member an error body carries its text in: `message` (default) or, for Secrets Manager, `Message`. */
  errorMessageMember?: 'message' | 'Message';
}

export class Router {
  private readonly byTarget = new Map<string, { service: Service; operation: Operation }>();
  private readonly prefixes = new Set<string>();

  constructor(services: readonly Service[]) {
    for (const service of services) {
      this.prefixes.add(service.targetPrefix);
      for (const operation of service.operations) {
        this.byTarget.set(`${service.targetPrefix}.${operation.name}`, { service, operation });
      }
    }
  }

  find(target: string): { service: Service; operation: Operation } | undefined {
    return this.byTarget.get(target);
  }
}
