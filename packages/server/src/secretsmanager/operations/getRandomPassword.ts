import { randomInt } from 'node:crypto';
import { defineOperation } from '../../protocol/operation.js';
import { boolean, integer, string, structure } from '../../protocol/shape.js';
import { invalidParameter } from '../errors.js';

const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const DIGITS = '0123456789';
const PUNCTUATION = '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~';

export const getRandomPassword = defineOperation({
  name: 'GetRandomPassword',
  input: structure({
    PasswordLength: integer({ min: 1, max: 4096 }),
    ExcludeCharacters: string({ max: 4096 }),
    ExcludeNumbers: boolean(),
    ExcludePunctuation: boolean(),
    ExcludeUppercase: boolean(),
    ExcludeLowercase: boolean(),
    IncludeSpace: boolean(),
    RequireEachIncludedType: boolean(),
  }),
  handle(input) {
    const length = input.PasswordLength ?? 32;
    const excluded = new Set(input.ExcludeCharacters ?? '');
    const keep = (chars: string) => [...chars].filter((c) => !excluded.has(c));
    const types = [
      input.ExcludeLowercase ? [] : keep(LOWER),
      input.ExcludeUppercase ? [] : keep(UPPER),
      input.ExcludeNumbers ? [] : keep(DIGITS),
      input.ExcludePunctuation ? [] : keep(PUNCTUATION),
      input.IncludeSpace ? keep(' ') : [],
    ].filter((chars) => chars.length > 0);
    const pool = types.flat();
    if (pool.length === 0) {
      throw invalidParameter('Password length is too short based on the required types.');
    }
    const requireEach = input.RequireEachIncludedType ?? true;
    if (requireEach && length < types.length) {
      throw invalidParameter('Password length is too short based on the required types.');
    }
    const pick = (chars: readonly string[]) => chars[randomInt(chars.length)]!;
    const chars = requireEach ? types.map(pick) : [];
    while (chars.length < length) chars.push(pick(pool));
    for (let i = chars.length - 1; i > 0; i -= 1) {
      const j = randomInt(i + 1);
      [chars[i], chars[j]] = [chars[j]!, chars[i]!];
    }
    return { RandomPassword: chars.join('') };
  },
});
