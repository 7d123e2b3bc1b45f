/**
 * The plaintext of ciphertext blobs already opened, held only as long as the blob itself. The hot
 * reads (GetSecretValue, GetParameter with decryption) decrypt the very same blob object on every
 * request, because the store memoizes the row that holds it; opening it again each time is AES-GCM
 * key setup and a buffer copy per request for an answer already known. A blob that arrives in a
 * request (KMS Decrypt) is a new object each time, and its entry goes when it does.
 *
 * An entry remembers the encryption context it was opened with: the same blob under another context
 * must fail exactly as it would have the first time, so only an equal context is a hit. An entry also
 * keeps the blob's header, so a hit names its key without decoding the blob again; the key's state
 * and the caller's authorization are still checked on every call, before a hit is used. Callers treat
 * the plaintext as read-only: it is the same buffer for every hit.
 */
import type { BlobHeader } from './ciphertextBlob.js';
import type { EncryptionContext } from './encryptionContext.js';

/** What opening a blob found: its header (the key to check) and its plaintext. */
export interface OpenedBlob {
  header: BlobHeader;
  plaintext: Buffer;
}

interface Opened extends OpenedBlob {
  /** The blob's bytes when it was opened: a caller that reuses a buffer with new bytes misses. */
  sealed: Buffer;
  context: EncryptionContext | undefined;
}

function sameContext(a: EncryptionContext = {}, b: EncryptionContext = {}): boolean {
  const keys = Object.keys(a);
  return (
    keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key) && a[key] === b[key])
  );
}

export class OpenedBlobs {
  readonly #opened = new WeakMap<Buffer, Opened>();

  get(blob: Buffer, context: EncryptionContext | undefined): OpenedBlob | undefined {
    const opened = this.#opened.get(blob);
    return opened && sameContext(opened.context, context) && opened.sealed.equals(blob) ? opened : undefined;
  }

  /** Copies the bytes and the context: a caller's objects may change after the call. */
  set(blob: Buffer, context: EncryptionContext | undefined, { header, plaintext }: OpenedBlob): void {
    this.#opened.set(blob, {
      sealed: Buffer.from(blob),
      context: context && { ...context },
      header,
      plaintext,
    });
  }
}
