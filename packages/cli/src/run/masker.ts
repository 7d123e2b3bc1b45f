/**
 * Masks secret values in a byte stream, including a value split across chunks: the longest tail of
 * the data seen so far that could begin a secret is held back until the next chunk (or the end)
 * decides it. Everything else passes through at once, so prompts without a newline still show.
 */
import { Transform, type TransformCallback } from 'node:stream';

export const MASK = '[REDACTED]';

/** Values shorter than this are not masked: masking "1" or "on" would garble every line. */
export const MIN_MASKED_LENGTH = 4;

/** The strings to mask for a set of injected values: each value, and each long line of a multi-line one. */
export function maskPatterns(values: Iterable<string>): string[] {
  const patterns = new Set<string>();
  for (const value of values) {
    if (value.length >= MIN_MASKED_LENGTH) patterns.add(value);
    if (value.includes('\n')) {
      for (const line of value.split(/\r?\n/)) if (line.trim().length >= 8) patterns.add(line);
    }
  }
  return [...patterns];
}

export class MaskingStream extends Transform {
  private readonly secrets: Buffer[];
  private readonly mask = Buffer.from(MASK);
  private pending = Buffer.alloc(0);

  constructor(patterns: readonly string[]) {
    super();
    // Longest first, so a value that contains another is masked whole.
    this.secrets = patterns.map((p) => Buffer.from(p)).sort((a, b) => b.length - a.length);
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    const data = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    const { output, rest } = this.replace(data);
    const hold = this.heldBack(rest);
    this.pending = Buffer.from(rest.subarray(rest.length - hold));
    output.push(rest.subarray(0, rest.length - hold));
    const out = Buffer.concat(output);
    if (out.length) this.push(out);
    done();
  }

  override _flush(done: TransformCallback): void {
    if (this.pending.length) this.push(this.pending);
    this.pending = Buffer.alloc(0);
    done();
  }

  /** Replaces every whole occurrence; returns the replaced part and the unmatched tail. */
  private replace(data: Buffer): { output: Buffer[]; rest: Buffer } {
    const output: Buffer[] = [];
    let pos = 0;
    for (;;) {
      let at = -1;
      let length = 0;
      for (const secret of this.secrets) {
        const index = data.indexOf(secret, pos);
        if (index >= 0 && (at < 0 || index < at)) {
          at = index;
          length = secret.length;
        }
      }
      if (at < 0) break;
      output.push(data.subarray(pos, at), this.mask);
      pos = at + length;
    }
    return { output, rest: data.subarray(pos) };
  }

  /** Length of the longest suffix of `data` that is a proper prefix of some secret. */
  private heldBack(data: Buffer): number {
    let hold = 0;
    for (const secret of this.secrets) {
      for (let k = Math.min(secret.length - 1, data.length); k > hold; k--) {
        if (data.subarray(data.length - k).equals(secret.subarray(0, k))) {
          hold = k;
          break;
        }
      }
    }
    return hold;
  }
}
