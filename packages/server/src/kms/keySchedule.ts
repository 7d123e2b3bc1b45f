/**
 * What time does to a KMS key, as AWS KMS does it: a key pending deletion is deleted at its
 * DeletionDate, and an enabled key with automatic rotation gets new key material every rotation
 * period. This file only works out the dates; the engine does the work (`KmsEngine.catchUp`).
 *
 * AWS (GetKeyRotationStatus reference): a disabled key is not rotated, and a key pending deletion is
 * not rotated and reports rotation as off until its deletion is cancelled.
 */
export const DAY_MS = 86_400_000;

/** AWS-managed keys rotate every year; it is also the default period of EnableKeyRotation. */
export const DEFAULT_ROTATION_DAYS = 365;

export interface ScheduleFields {
  state: string;
  createdAt: number;
  deletionDate: number | null;
  rotationEnabled: boolean;
  rotationPeriodDays: number | null;
  /** As stored: null for an AWS-managed key that has not rotated yet. */
  storedNextRotationAt: number | null;
}

/**
 * The next automatic rotation, or null without automatic rotation. An AWS-managed key rotates a
 * year after its creation and yearly after that (EnableKeyRotation reference); its first date is
 * not stored, so it is worked out from the creation date.
 */
export function nextRotationAt(key: ScheduleFields): number | null {
  if (!key.rotationEnabled) return key.storedNextRotationAt;
  return key.storedNextRotationAt ?? key.createdAt + rotationPeriodMs(key);
}

export const rotationPeriodMs = (key: Pick<ScheduleFields, 'rotationPeriodDays'>): number =>
  // At least a day, so that a hand-edited period of 0 cannot make the catch-up loop forever.
  Math.max(key.rotationPeriodDays ?? DEFAULT_ROTATION_DAYS, 1) * DAY_MS;

/**
 * The first moment at which something falls due for the key (its deletion, or its next rotation),
 * Infinity when nothing can: a disabled key waits, and a key pending deletion only waits to go.
 */
export function dueAt(key: ScheduleFields): number {
  if (key.state === 'PendingDeletion') return key.deletionDate ?? Number.POSITIVE_INFINITY;
  if (key.state === 'Enabled' && key.rotationEnabled) return nextRotationAt(key) ?? Number.POSITIVE_INFINITY;
  return Number.POSITIVE_INFINITY;
}

/**
 * The automatic rotations due by `now`, from the next scheduled one, and the date after them.
 * AWS rotates once per period, so a server that was down across several periods records one
 * rotation per elapsed period, each on the date it fell due; the material made last is current.
 * (The key stayed enabled throughout: every state change looks the key up and catches up first.)
 */
export function dueRotations(next: number, periodMs: number, now: number): { dates: number[]; next: number } {
  const dates: number[] = [];
  let at = next;
  while (at <= now) {
    dates.push(at);
    at += periodMs;
  }
  return { dates, next: at };
}
