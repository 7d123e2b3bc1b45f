/**
 * Replaces secret values in a child's output with `*****`. Output arrives in chunks, so a value can
 * be split between two; the tail that could still be the start of a value is held back until the
 * next chunk, or flushed after a short quiet time so prompts without a newline still show.
 */
import { StringDecoder } from 'node:string_decoder';

export const MASK = '*****';
/** Shorter values would mask ordinary words and digits; they are left alone. */
export const MIN_MASKED_LENGTH = 4;
const QUIET_FLUSH_MS = 50;

export class Masker {
  private readonly values: string[];
  private readonly longest: number;
  private readonly decoder = new StringDecoder('utf8');
  private pending = '';
  private timer: NodeJS.Timeout | undefined;

  constructor(
    values: Iterable<string>,
    private readonly write: (text: string) => void,
  ) {
    this.values = [...new Set([...values].filter((v) => v.length >= MIN_MASKED_LENGTH))].sort(
      (a, b) => b.length - a.length,
    );
    this.longest = this.values[0]?.length ?? 0;
  }

  push(chunk: Buffer): void {
    this.pending += this.decoder.write(chunk);
    this.emit(false);
    clearTimeout(this.timer);
    if (this.pending !== '') this.timer = setTimeout(() => this.emit(true), QUIET_FLUSH_MS);
  }

  end(): void {
    clearTimeout(this.timer);
    this.pending += this.decoder.end();
    this.emit(true);
  }

  private emit(all: boolean): void {
    const text = this.pending;
    // Positions from `safe` on could begin a value that continues in the next chunk.
    const safe = all ? text.length : Math.min(text.length, Math.max(0, text.length - (this.longest - 1)));
    let out = '';
    let i = 0;
    while (i < safe) {
      const value = this.values.find((v) => text.startsWith(v, i));
      if (value) {
        out += MASK;
        i += value.length;
      } else {
        out += text[i];
        i++;
      }
    }
    this.pending = text.slice(i);
    if (out !== '') this.write(out);
  }
}
