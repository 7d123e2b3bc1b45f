/**
 * ListSecrets / BatchGetSecretValue filters. Each key is a prefix match (description and `all`
 * ignore case); a value starting with `!` negates. Values of one filter are alternatives; all
 * filters must hold.
 */
import type { Db } from '../store/store.js';
import { type SecretRow, tagsOf } from './secretStore.js';

export interface Filter {
  Key?: string;
  Values?: string[];
}

const startsWith = (text: string | null | undefined, prefix: string, ignoreCase: boolean): boolean =>
  text !== null &&
  text !== undefined &&
  (ignoreCase ? text.toLowerCase().startsWith(prefix.toLowerCase()) : text.startsWith(prefix));

function attributes(
  db: Db,
  secret: SecretRow,
  key: string,
): { values: (string | null)[]; ignoreCase: boolean } {
  const tags = () => tagsOf(db, secret.arn);
  switch (key) {
    case 'description':
      return { values: [secret.description], ignoreCase: true };
    case 'name':
      return { values: [secret.name], ignoreCase: false };
    case 'tag-key':
      return { values: tags().map((t) => t.Key), ignoreCase: false };
    case 'tag-value':
      return { values: tags().map((t) => t.Value), ignoreCase: false };
    case 'primary-region':
      return { values: [secret.primary_region], ignoreCase: false };
    case 'owning-service':
      return { values: [], ignoreCase: false };
    default: {
      // `all`: every attribute, and every word within it.
      const texts = [
        secret.name,
        secret.description,
        secret.primary_region,
        ...tags().flatMap((t) => [t.Key, t.Value]),
      ];
      const words = texts.flatMap((t) => (t ? [t, ...t.split(/[\s/_.:@+=-]+/)] : []));
      return { values: words, ignoreCase: true };
    }
  }
}

function valueMatches(db: Db, secret: SecretRow, key: string, value: string): boolean {
  const negated = value.startsWith('!');
  const wanted = negated ? value.slice(1) : value;
  const { values, ignoreCase } = attributes(db, secret, key);
  const words = key === 'all' ? wanted.split(/\s+/).filter(Boolean) : [wanted];
  const hit = words.every((word) => values.some((v) => startsWith(v, word, ignoreCase)));
  return negated ? !hit : hit;
}

export function matchesFilters(db: Db, secret: SecretRow, filters: readonly Filter[] | undefined): boolean {
  return (filters ?? []).every((filter) =>
    (filter.Values ?? []).some((value) => valueMatches(db, secret, filter.Key ?? 'all', value)),
  );
}

/** The secrets of a region in creation order, optionally with those scheduled for deletion. */
export function secretsInRegion(
  db: Db,
  region: string,
  account: string,
  includeDeleted: boolean,
): SecretRow[] {
  return db
    .prepare(
      `SELECT * FROM sm_secrets WHERE region = ? AND account = ? ${includeDeleted ? '' : 'AND deleted_at IS NULL'}
       ORDER BY created_at, rowid`,
    )
    .all(region, account) as SecretRow[];
}
