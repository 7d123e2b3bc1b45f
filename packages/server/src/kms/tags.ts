/** Tags on KMS keys, with the rules TagResource and CreateKey apply to them. */
import { AwsError } from '../protocol/awsError.js';
import { string, structure } from '../protocol/shape.js';
import type { Db } from '../store/store.js';
import type { KeyRecord } from './engine.js';

export interface Tag {
  TagKey: string;
  TagValue: string;
}

export const MAX_TAGS_PER_KEY = 50;

export const tagMember = structure({
  TagKey: string({ required: true, min: 1, max: 128 }),
  TagValue: string({ required: true, min: 0, max: 256 }),
});

/** The checks after the shape's: reserved prefix, duplicates, and the per-key limit. */
export function assertValidTags(tags: readonly Tag[], existing: readonly Tag[] = []): void {
  if (tags.some((tag) => tag.TagKey.toLowerCase().startsWith('aws:'))) {
    throw new AwsError('TagException', 'Tags beginning with aws: are reserved');
  }
  if (new Set(tags.map((tag) => tag.TagKey)).size < tags.length) {
    throw new AwsError('TagException', 'Duplicate tag keys');
  }
  const keys = new Set([...existing.map((tag) => tag.TagKey), ...tags.map((tag) => tag.TagKey)]);
  if (keys.size > MAX_TAGS_PER_KEY) throw new AwsError('TagException', 'Too many tags');
}

/** Adds or overwrites tags (a tag with an existing key gets the new value). */
export function putTags(db: Db, key: KeyRecord, tags: readonly Tag[]): void {
  const upsert = db.prepare(
    `INSERT INTO kms_tags (key_id, region, tag_key, tag_value) VALUES (?, ?, ?, ?)
     ON CONFLICT (key_id, region, tag_key) DO UPDATE SET tag_value = excluded.tag_value`,
  );
  for (const tag of tags) upsert.run(key.id, key.region, tag.TagKey, tag.TagValue);
}

export function removeTags(db: Db, key: KeyRecord, tagKeys: readonly string[]): void {
  const remove = db.prepare('DELETE FROM kms_tags WHERE key_id = ? AND region = ? AND tag_key = ?');
  for (const tagKey of tagKeys) remove.run(key.id, key.region, tagKey);
}

export function listTags(db: Db, key: KeyRecord): Tag[] {
  return db
    .prepare(
      'SELECT tag_key AS TagKey, tag_value AS TagValue FROM kms_tags WHERE key_id = ? AND region = ? ORDER BY tag_key',
    )
    .all(key.id, key.region) as Tag[];
}
