/** Members shared by many Secrets Manager operations, with the constraints of the API reference. */
import { blob, boolean, list, string, structure } from '../protocol/shape.js';

export const secretIdMember = string({ required: true, min: 1, max: 2048 });
export const clientRequestTokenMember = string({ min: 32, max: 64 });
export const versionIdMember = string({ min: 32, max: 64 });
export const versionStageMember = string({ min: 1, max: 256 });
export const versionStagesMember = list(string({ min: 1, max: 256 }), { min: 1, max: 20 });
export const descriptionMember = string({ max: 2048 });
export const kmsKeyIdMember = string({ max: 2048 });
export const secretStringMember = string({ min: 1, max: 65536, sensitive: true });
export const secretBinaryMember = blob({ min: 1, max: 65536, sensitive: true });
export const tagMember = structure({ Key: string({ min: 1, max: 128 }), Value: string({ max: 256 }) });
export const tagsMember = list(tagMember);
export const regionMember = string({ min: 1, max: 128, pattern: /^([a-z]+-)+\d+$/ });
export const replicaRegionsMember = list(structure({ Region: regionMember, KmsKeyId: kmsKeyIdMember }), {
  min: 1,
});
export const forceOverwriteMember = boolean();
export const maxResultsMember = { min: 1, max: 100 } as const;
export const nextTokenMember = string({ min: 1, max: 4096 });
export const filtersMember = list(
  structure({
    Key: string({
      enum: ['description', 'name', 'tag-key', 'tag-value', 'primary-region', 'owning-service', 'all'],
    }),
    Values: list(
      string({
        max: 512,
        pattern: /^!?[a-zA-Z0-9 :_@/+=.\-!]*$/,
        patternText: '^\\!?[a-zA-Z0-9 :_@\\/\\+\\=\\.\\-\\!]*$',
      }),
      {
        min: 1,
        max: 10,
      },
    ),
  }),
  { max: 10 },
);
