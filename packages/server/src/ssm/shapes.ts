/** Input members shared by the SSM operations, with the constraints of the SSM API reference. */
import { integer, list, string, structure } from '../protocol/shape.js';

export const nameMember = string({ required: true, min: 1, max: 2048 });
export const nameListMember = list(string({ min: 1, max: 2048 }), { required: true, min: 1, max: 10 });
export const versionMember = integer();
export const nextTokenMember = string();

const TAG_PATTERN = /^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$/u;
const TAG_PATTERN_TEXT = '^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)$';
export const tagKeyMember = string({
  required: true,
  min: 1,
  max: 128,
  pattern: TAG_PATTERN,
  patternText: TAG_PATTERN_TEXT,
});
export const tagListMember = list(
  structure({
    Key: tagKeyMember,
    Value: string({ required: true, min: 0, max: 256, pattern: TAG_PATTERN, patternText: TAG_PATTERN_TEXT }),
  }),
  { max: 1000 },
);

export const parameterFiltersMember = list(
  structure({
    Key: string({
      required: true,
      min: 1,
      max: 132,
      pattern: /^(tag:.+|Name|Type|KeyId|Path|Label|Tier|DataType)$/s,
      patternText: 'tag:.+|Name|Type|KeyId|Path|Label|Tier|DataType',
    }),
    Option: string({ min: 1, max: 10 }),
    Values: list(string({ min: 1, max: 1024 }), { min: 1, max: 50 }),
  }),
);

export const resourceTypeMember = string({
  required: true,
  enum: [
    'Document',
    'ManagedInstance',
    'MaintenanceWindow',
    'Parameter',
    'PatchBaseline',
    'OpsItem',
    'OpsMetadata',
    'Automation',
    'Association',
  ],
});
