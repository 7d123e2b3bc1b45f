/**
 * A request body as the JSON object it must hold, or AWS's SerializationException. The bodies of the
 * read operations are kept by their text: a client reading a parameter or a secret sends the same
 * bytes every time, and validation only reads the parsed object (it builds the operation's input
 * anew), so one parse serves them all. Those bodies name what to read and never carry a secret value;
 * a write's body (which may) is parsed and dropped. Callers only read the object they get.
 */
import { BoundedMap } from '../caches/boundedMap.js';
import { serializationError } from '../protocol/awsError.js';

const MAX_KEPT_BODY_BYTES = 512;
const keptBodies = new BoundedMap<string, object>(1000);

const notAStructure = () => serializationError('Start of structure or map found where not expected.');

export function parseBody(body: Buffer, keep: boolean): object {
  if (body.length === 0) return {};
  const text = body.toString('utf8');
  const keepable = keep && body.length <= MAX_KEPT_BODY_BYTES;
  const kept = keepable ? keptBodies.get(text) : undefined;
  if (kept !== undefined) return kept;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw notAStructure();
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw notAStructure();
  if (keepable) keptBodies.set(text, parsed);
  return parsed;
}
