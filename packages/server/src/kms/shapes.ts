/** Members shared by many KMS operations, with the constraints of the KMS API reference. */
import { boolean, integer, list, map, string } from '../protocol/shape.js';

export const keyIdMember = string({ required: true, min: 1, max: 2048 });
export const optionalKeyIdMember = string({ min: 1, max: 2048 });
export const encryptionContextMember = map(string(), string());
export const grantTokensMember = list(string({ min: 1, max: 8192 }), { max: 10 });
export const encryptionAlgorithmMember = string({
  enum: ['SYMMETRIC_DEFAULT', 'RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256', 'SM2PKE'],
});
export const dryRunMember = boolean();
export const aliasNameMember = string({
  required: true,
  min: 1,
  max: 256,
  pattern: /^[a-zA-Z0-9:/_-]+$/,
  patternText: '^[a-zA-Z0-9:/_-]+$',
});
export const markerMember = string({
  min: 1,
  max: 1024,
  pattern: /^[\u0020-\u00FF]*$/,
  patternText: '[\\u0020-\\u00FF]*',
});
export const limitMember = (max: number) => integer({ min: 1, max });
export const policyNameMember = string({ min: 1, max: 128, pattern: /^[\w]+$/, patternText: '[\\w]+' });
