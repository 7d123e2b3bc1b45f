/**
 * CloudFormation's short-form intrinsic functions (`!Ref`, `!Sub`, …) as YAML tags, in scalar,
 * sequence and mapping form, so templates parse without "unresolved tag" warnings. The node keeps
 * its tag, which is how the scanner tells a computed value from a literal one.
 */
import type { Tags } from 'yaml';

const NAMES = [
  '!Ref',
  '!Sub',
  '!GetAtt',
  '!Join',
  '!If',
  '!Select',
  '!Split',
  '!FindInMap',
  '!ImportValue',
  '!Base64',
  '!Cidr',
  '!GetAZs',
  '!Equals',
  '!And',
  '!Or',
  '!Not',
  '!Condition',
];

export const cloudFormationTags: Tags = NAMES.flatMap((tag) => [
  { tag, resolve: (value: string) => value },
  { tag, collection: 'seq' as const, resolve: (value: unknown) => value },
  { tag, collection: 'map' as const, resolve: (value: unknown) => value },
]) as unknown as Tags;
