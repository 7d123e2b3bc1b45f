/**
 * Rotation schedules: `AutomaticallyAfterDays`, or a `ScheduleExpression` — `rate(N days|hours)` or
 * `cron(minutes hours day-of-month month day-of-week year)` in UTC, as EventBridge writes them.
 */
import { invalidParameter } from '../errors.js';

export interface RotationRules {
  AutomaticallyAfterDays?: number;
  Duration?: string;
  ScheduleExpression?: string;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const RATE = /^rate\((\d+) (hour|hours|day|days)\)$/;
const CRON = /^cron\(([^)]*)\)$/;

const invalidSchedule = () => invalidParameter('Invalid ScheduleExpression format.');

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

/** The values a cron field allows, or undefined for "any" (`*` or `?`). */
function cronField(
  text: string,
  min: number,
  max: number,
  names: readonly string[] = [],
): Set<number> | undefined {
  if (text === '*' || text === '?') return undefined;
  const value = (part: string): number => {
    const named = names.indexOf(part.toUpperCase());
    const n = named >= 0 ? named + min : Number(part);
    if (!Number.isInteger(n) || n < min || n > max) throw invalidSchedule();
    return n;
  };
  const out = new Set<number>();
  for (const item of text.split(',')) {
    const [range, stepText] = item.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1 || range === undefined) throw invalidSchedule();
    const [from, to] =
      range === '*'
        ? [min, max]
        : range.includes('-')
          ? range.split('-').map(value)
          : [value(range), stepText ? max : value(range)];
    for (let n = from!; n <= to!; n += step) out.add(n);
  }
  return out;
}

function nextCron(expression: string, after: number): number {
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== 6) throw invalidSchedule();
  const [mi, h, dom, mon, dow, yr] = fields as [string, string, string, string, string, string];
  const minutes = cronField(mi, 0, 59);
  const hours = cronField(h, 0, 23);
  const daysOfMonth = cronField(dom, 1, 31);
  const months = cronField(mon, 1, 12, MONTHS);
  const daysOfWeek = cronField(dow, 1, 7, DAYS);
  const years = cronField(yr, 1970, 2199);
  const allows = (set: Set<number> | undefined, n: number) => set === undefined || set.has(n);
  const start = new Date(Math.floor(after / 60_000) * 60_000 + 60_000);
  for (let day = 0; day < 366 * 5; day += 1) {
    const date = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate() + day));
    if (
      !allows(years, date.getUTCFullYear()) ||
      !allows(months, date.getUTCMonth() + 1) ||
      !allows(daysOfMonth, date.getUTCDate()) ||
      !allows(daysOfWeek, date.getUTCDay() + 1)
    ) {
      continue;
    }
    for (let hour = 0; hour < 24; hour += 1) {
      if (!allows(hours, hour)) continue;
      for (let minute = 0; minute < 60; minute += 1) {
        const at = date.getTime() + hour * HOUR_MS + minute * 60_000;
        if (at >= start.getTime() && allows(minutes, minute)) return at;
      }
    }
  }
  throw invalidSchedule();
}

/** Checks rules as RotateSecret receives them; throws AWS's error for a bad combination. */
export function assertRules(rules: RotationRules): void {
  if (rules.AutomaticallyAfterDays !== undefined && rules.ScheduleExpression !== undefined) {
    throw invalidParameter("You can't specify both AutomaticallyAfterDays and ScheduleExpression.");
  }
  if (rules.ScheduleExpression !== undefined) nextRotation(rules, Date.now());
}

/** When the next rotation is due after one at `after` (epoch ms), or undefined without a schedule. */
export function nextRotation(rules: RotationRules, after: number): number | undefined {
  if (rules.AutomaticallyAfterDays !== undefined) return after + rules.AutomaticallyAfterDays * DAY_MS;
  const expression = rules.ScheduleExpression;
  if (expression === undefined) return undefined;
  const rate = RATE.exec(expression);
  if (rate) {
    const n = Number(rate[1]);
    if (n < 1) throw invalidSchedule();
    return after + n * (rate[2]!.startsWith('hour') ? HOUR_MS : DAY_MS);
  }
  const cron = CRON.exec(expression);
  if (cron) return nextCron(cron[1]!, after);
  throw invalidSchedule();
}
