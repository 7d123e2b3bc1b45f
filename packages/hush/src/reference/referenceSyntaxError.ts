/**
 * A reference that cannot be parsed. The message names the reference and points at the offending
 * part (a caret under it in `detail`), so a typo in a 40-character reference is found at a glance.
 * References hold names, never values, so quoting them is safe; KMS ciphertexts are shortened.
 */
export class ReferenceSyntaxError extends Error {
  override readonly name = 'ReferenceSyntaxError';
  readonly reference: string;
  /** Zero-based offset of the offending part in `reference`. */
  readonly position: number;
  readonly reason: string;

  constructor(reference: string, position: number, reason: string) {
    const shown = shorten(reference);
    super(`invalid reference "${shown}" at column ${position + 1}: ${reason}`);
    this.reference = reference;
    this.position = position;
    this.reason = reason;
  }

  /** The reference with a caret under the offending part. */
  get detail(): string {
    const shown = shorten(this.reference);
    const column = Math.min(this.position, shown.length);
    return `${shown}\n${' '.repeat(column)}^ ${this.reason}`;
  }
}

const shorten = (text: string): string => (text.length > 120 ? `${text.slice(0, 117)}...` : text);
