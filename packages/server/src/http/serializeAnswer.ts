/**
 * An answer as the JSON text that goes on the wire. An operation whose answer stays the same until
 * the store changes may return it frozen, with everything in it, and memoized (`Store.memo`): it is
 * then serialized once instead of on every request. JSON.stringify was the largest single cost of
 * hush's own code in a strict GetSecretValue or GetParameter, after the SigV4 hashes.
 */
const serialized = new WeakMap<object, string>();

export function serializeAnswer(answer: object): string {
  let text = serialized.get(answer);
  if (text === undefined) {
    text = JSON.stringify(answer);
    if (Object.isFrozen(answer)) serialized.set(answer, text);
  }
  return text;
}
