/**
 * Holds the active fault rules and applies them before an operation runs: matching latency rules
 * add their delay, then the first matching throttle or error rule fails the call the way AWS does.
 * A rule with a count retires after affecting that many calls.
 *
 * The two kinds apply at different points of the pipeline. Latency simulates the network, so it
 * applies to every request that names an operation, before authentication — a badly signed request
 * is slow too. Throttles and errors simulate the service, which answers a caller only once it knows
 * who that is: they apply after authentication, so in strict mode a request with a bad signature
 * gets the signature error AWS would give, and does not use up a rule's count.
 */
import type { RequestHooks } from '../http/handleRequest.js';
import { AwsError, internalError } from '../protocol/awsError.js';
import type { FaultEffect, FaultRule } from './faultSpec.js';
import { targetGlob } from './targetGlob.js';

export interface ActiveFault extends FaultRule {
  id: number;
  /** Calls this rule has affected so far. */
  hits: number;
}

interface Entry {
  fault: ActiveFault;
  matches: (target: string) => boolean;
}

export class FaultInjector {
  private entries: Entry[] = [];
  private nextId = 1;

  constructor(private readonly random: () => number = Math.random) {}

  add(rule: FaultRule): ActiveFault {
    const fault: ActiveFault = { ...rule, id: this.nextId++, hits: 0 };
    this.entries.push({ fault, matches: targetGlob(rule.target) });
    return fault;
  }

  list(): ActiveFault[] {
    return this.entries.map((entry) => ({ ...entry.fault }));
  }

  /** Removes one rule by id, or all when no id is given; returns how many went. */
  remove(id?: number): number {
    const before = this.entries.length;
    this.entries = id === undefined ? [] : this.entries.filter((entry) => entry.fault.id !== id);
    return before - this.entries.length;
  }

  hook(): RequestHooks {
    return {
      // Not async: with no latency to add, the request goes on without waiting a tick.
      beforeOperation: (info) => {
        if (this.entries.length === 0) return;
        let delayMs = 0;
        for (const entry of this.fired(info.target, 'latency')) {
          const { effect } = entry.fault;
          if (effect.kind === 'latency') delayMs += effect.ms;
        }
        if (delayMs > 0) return new Promise<void>((resolve) => setTimeout(resolve, delayMs));
      },
      afterAuthentication: (info) => {
        if (this.entries.length === 0) return;
        const [entry] = this.fired(info.target, 'failure');
        const effect = entry?.fault.effect;
        if (effect && effect.kind !== 'latency') throw failureFor(effect, info.service?.signingName);
      },
    };
  }

  /** The rules of one kind that fire for this call: every latency rule, or the first failing one. */
  private fired(target: string, kind: 'latency' | 'failure'): Entry[] {
    const fired: Entry[] = [];
    for (const entry of this.entries) {
      const { fault } = entry;
      if ((fault.effect.kind === 'latency') !== (kind === 'latency')) continue;
      if (!entry.matches(target)) continue;
      if (fault.probability < 1 && this.random() >= fault.probability) continue;
      fault.hits++;
      if (fault.remaining !== undefined) fault.remaining--;
      fired.push(entry);
      if (kind === 'failure') break;
    }
    this.entries = this.entries.filter((entry) => entry.fault.remaining !== 0);
    return fired;
  }
}

/** Each service's documented 500 (the API references' error lists); other targets get the common InternalFailure. */
const INTERNAL_ERRORS: Record<string, { code: string; message: string }> = {
  ssm: { code: 'InternalServerError', message: 'An error occurred on the server side.' },
  secretsmanager: { code: 'InternalServiceError', message: 'An error occurred on the server side.' },
  kms: {
    code: 'KMSInternalException',
    message: 'The request was rejected because an internal exception occurred. The request can be retried.',
  },
};

function failureFor(effect: Exclude<FaultEffect, { kind: 'latency' }>, signingName?: string): AwsError {
  if (effect.kind === 'throttle') return new AwsError('ThrottlingException', 'Rate exceeded');
  if (effect.status === 503) {
    return new AwsError(
      'ServiceUnavailable',
      'The request has failed due to a temporary failure of the server.',
      503,
    );
  }
  const internal = signingName === undefined ? undefined : INTERNAL_ERRORS[signingName];
  return internal ? new AwsError(internal.code, internal.message, 500) : internalError();
}
