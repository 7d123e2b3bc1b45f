/** Members shared by many KMS operations, with the constraints of the KMS API reference. */
import { list, map, string } from '../protocol/shape.js';

export const keyIdMember = string({ required: true, min: 1, max: 2048 });
export const optionalKeyIdMember = string({ min: 1, max: 2048 });
export const encryptionContextMember = map(string(), string());
export const grantTokensMember = list(string({ min: 1, max: 8192 }), { max: 10 });
export const encryptionAlgorithmMember = string({
  enum: ['SYMMETRIC_DEFAULT', 'RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256', 'SM2PKE'],
});
