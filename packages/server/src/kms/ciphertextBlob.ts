/**
 * The ciphertext blob format: a versioned header naming the key and the key-material version,
 * followed by the AES-256-GCM message. The header is authenticated too (it is part of the AAD),
 * so a blob cannot be re-pointed at another key or material version.
 *
 *   0      1                17               21
 *   | 0x01 | key id (16 B)  | material (u32) | nonce ‖ tag ‖ ciphertext
 */
const FORMAT = 0x01;
export const HEADER_BYTES = 21;

export interface BlobHeader {
  keyId: string;
  materialVersion: number;
}

export function encodeHeader(header: BlobHeader): Buffer {
  const out = Buffer.alloc(HEADER_BYTES);
  out[0] = FORMAT;
  Buffer.from(header.keyId.replaceAll('-', ''), 'hex').copy(out, 1);
  out.writeUInt32BE(header.materialVersion, 17);
  return out;
}

export function decodeHeader(blob: Buffer): BlobHeader | undefined {
  if (blob.length <= HEADER_BYTES || blob[0] !== FORMAT) return undefined;
  const hex = blob.subarray(1, 17).toString('hex');
  const keyId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  return { keyId, materialVersion: blob.readUInt32BE(17) };
}
