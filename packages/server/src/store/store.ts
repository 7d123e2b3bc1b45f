/**
 * The embedded store: one SQLite database in WAL mode. Every write request runs in one transaction
 * and `synchronous = FULL` makes a commit durable before the response is sent, so a crash loses
 * nothing that was acknowledged.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';

export type Db = Database.Database;

export interface StoreOptions {
  /** Directory that holds `hush.db`; ignored when `inMemory`. */
  dataDir: string;
  inMemory: boolean;
}

/** A service's tables, created once; `version` lets a later release migrate forward. */
export interface Migration {
  id: string;
  sql: string;
}

export class Store {
  readonly db: Db;
  /** Compiled statements by SQL text: compiling one costs more than running it on the hot paths. */
  private readonly statements = new Map<string, Database.Statement>();

  constructor(options: StoreOptions) {
    if (options.inMemory) {
      this.db = new Database(':memory:');
    } else {
      mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
      this.db = new Database(join(options.dataDir, 'hush.db'));
      this.db.pragma('journal_mode = WAL');
      this.db.pragma('synchronous = FULL');
    }
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec('CREATE TABLE IF NOT EXISTS migrations (id TEXT PRIMARY KEY, applied_at INTEGER NOT NULL)');
  }

  migrate(migrations: readonly Migration[]): void {
    const applied = this.db.prepare('SELECT 1 FROM migrations WHERE id = ?');
    const record = this.db.prepare('INSERT INTO migrations (id, applied_at) VALUES (?, ?)');
    for (const migration of migrations) {
      if (applied.get(migration.id)) continue;
      this.transaction(() => {
        this.db.exec(migration.sql);
        record.run(migration.id, Date.now());
      });
    }
  }

  /** A compiled statement for `sql`, compiled once per store. */
  prepare(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  /** Runs `fn` in one transaction (nested calls join the outer one). */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
