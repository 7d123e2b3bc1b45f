/**
 * Replaces secret values in a child's output with `*****`. Output arrives in chunks, so a value can
 * be split between two: only the tail that is literally the start of a value is held back, until
 * the next chunk or the end — never on a timer, which would let a value written in two slow parts
 * through. Everything else (a prompt without a newline, say) is written at once.
 */
import { StringDecoder } from 'node:string_decoder';

export const MASK = '*****';
/** Shorter values would mask ordinary words and digits; they are left alone. */
export const MIN_MASKED_LENGTH = 4;

export class Masker {
  private readonly values: string[];
  private readonly longest: number;
  private readonly decoder = new StringDecoder('utf8');
  private pending = '';

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
  }

  /**
   * Writes what is held back. `cut`: the output was cut off rather than ended (hush stopped reading
   * a pipe someone still held), so a held tail may be the start of a value whose rest never came;
   * it is written as a mask instead.
   */
  end(cut = false): void {
    this.pending += this.decoder.end();
    this.emit(!cut);
    if (this.pending !== '') this.write(MASK);
    this.pending = '';
  }

  private emit(all: boolean): void {
    const text = this.pending;
    // Positions from `safe` on begin a value that may continue in the next chunk.
    const safe = all ? text.length : text.length - this.heldTail(text);
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

  /** The length of the longest end of `text` that is the start (not the whole) of a value. */
  private heldTail(text: string): number {
    for (let k = Math.min(text.length, this.longest - 1); k > 0; k--) {
      const tail = text.slice(text.length - k);
      if (this.values.some((v) => v.length > k && v.startsWith(tail))) return k;
    }
    return 0;
  }
}
