/**
 * A digest of everything in a running server's store, read through a second, read-only SQLite
 * connection (WAL lets it see every committed write). Equal digests mean nothing was written.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';

export function storeDigest(dataDir: string): string {
  const db = new Database(join(dataDir, 'hush.db'), { readonly: true, fileMustExist: true });
  try {
    const hash = createHash('sha256');
    const tables = db
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
      )
      .all() as { name: string }[];
    for (const { name } of tables) {
      hash.update(`\0table ${name}\0`);
      for (const row of db.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).iterate()) {
        hash.update(JSON.stringify(row, (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString('base64') : v)));
      }
    }
    return hash.digest('hex');
  } finally {
    db.close();
  }
}
