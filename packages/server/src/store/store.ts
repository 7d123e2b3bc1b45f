/**
 * The embedded store: one SQLite database in WAL mode. Every write request runs in one transaction
 * and `synchronous = FULL` makes a commit durable before the response is sent, so a crash loses
 * nothing that was acknowledged.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { BoundedMap } from '../caches/boundedMap.js';
import { type MemoKey, MemoTable, NOT_KEPT } from './memoTable.js';

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

/** More distinct SQL texts than this means SQL is being built from data; start the cache afresh. */
const MAX_CACHED_STATEMENTS = 1000;

const MAX_MEMOS = 10_000;

export class Store {
  /** The database; its `prepare` hands out cached statements (see `cacheStatements`). */
  readonly db: Db;
  /** Runs a function in a transaction; made once, because better-sqlite3 builds a wrapper per call. */
  private readonly inTransaction: (fn: () => unknown) => unknown;
  private readonly changes = { generation: 0 };
  private readonly memos = new MemoTable(MAX_MEMOS);
  private memoGeneration = 0;

  constructor(options: StoreOptions) {
    if (options.inMemory) {
      this.db = new Database(':memory:');
    } else {
      mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
      this.db = new Database(join(options.dataDir, 'hush.db'));
      this.db.pragma('journal_mode = WAL');
      this.db.pragma('synchronous = FULL');
    }
    cacheStatements(this.db, this.changes);
    this.inTransaction = this.db.transaction((fn: () => unknown) => fn());
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

  /**
   * Changes whenever a statement changes a row or a transaction rolls back. A cache of rows read
   * under one generation is current for as long as the generation stays the same.
   */
  get generation(): number {
    return this.changes.generation;
  }

  /**
   * `compute()`'s value, kept until the store next changes (see `generation`): for rows the hot read
   * paths look up on every request and that rarely change. `key` must name everything the value
   * depends on; the value must not be mutated (freeze objects).
   */
  memo<T>(key: MemoKey, compute: () => T): T {
    if (this.memoGeneration !== this.changes.generation) {
      this.memos.clear();
      this.memoGeneration = this.changes.generation;
    }
    const kept = this.memos.lookup(key);
    if (kept !== NOT_KEPT) return kept as T;
    const value = compute();
    // A compute that wrote to the store made its own value stale at once; don't keep it.
    if (this.memoGeneration !== this.changes.generation) return value;
    this.memos.keep(key, value);
    return value;
  }

  /** A compiled statement for `sql`, compiled once per store. */
  prepare(sql: string): Database.Statement {
    return this.db.prepare(sql);
  }

  /** Runs `fn` in one transaction (nested calls join the outer one as a savepoint). */
  transaction<T>(fn: () => T): T {
    return this.inTransaction(fn) as T;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

/**
 * Makes `db.prepare` return one compiled statement per SQL text, and counts changes. Compiling costs
 * more than running a statement on the hot read paths, and every store module calls `prepare` where
 * it needs a statement. Sharing is safe because no caller iterates a statement or changes its modes
 * (`pluck`, `raw`, `expand`), and everything runs on one thread. Every write statement and every
 * transaction go through here, so `changes.generation` moves with each change and each rollback.
 */
function cacheStatements(db: Db, changes: { generation: number }): void {
  const compile = db.prepare.bind(db);
  const statements = new BoundedMap<string, Database.Statement>(MAX_CACHED_STATEMENTS);
  const cached = (sql: string): Database.Statement => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = compile(sql);
      if (!statement.reader) countWrites(statement, changes);
      statements.set(sql, statement);
    }
    return statement;
  };
  db.prepare = cached as Db['prepare'];

  const transaction = db.transaction.bind(db);
  db.transaction = ((fn: (...args: unknown[]) => unknown) => {
    const run = transaction(fn);
    return (...args: unknown[]) => {
      try {
        return run(...args);
      } catch (error) {
        changes.generation++;
        throw error;
      }
    };
  }) as Db['transaction'];
}

function countWrites(statement: Database.Statement, changes: { generation: number }): void {
  const run = statement.run.bind(statement);
  statement.run = ((...params: unknown[]) => {
    const result = run(...params);
    if (result.changes > 0) changes.generation++;
    return result;
  }) as Database.Statement['run'];
}
