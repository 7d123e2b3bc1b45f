/**
 * The encryption context bound into a ciphertext as AES-GCM additional data. The encoding is
 * canonical and unambiguous: pairs sorted by key, every string length-prefixed, so no two
 * different contexts (e.g. {a: "b,c"} and {a: "b", c: ""}) can encode to the same bytes.
 */
export type EncryptionContext = Readonly<Record<string, string>>;

export function encodeEncryptionContext(context: EncryptionContext | undefined): Buffer {
  const entries = Object.entries(context ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const parts: Buffer[] = [u32(entries.length)];
  for (const [key, value] of entries) {
    for (const text of [key, value]) {
      const bytes = Buffer.from(text, 'utf8');
      parts.push(u32(bytes.length), bytes);
    }
  }
  return Buffer.concat(parts);
}

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
}
