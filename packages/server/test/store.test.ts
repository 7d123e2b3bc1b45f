/**
 * The store's statement cache and change generation, which the KMS key cache relies on: a cached
 * row is trusted only while the generation is unchanged, so every change and every rollback must
 * move it, and plain reads must not.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MemoTable, NOT_KEPT } from '../src/store/memoTable.js';
import { Store } from '../src/store/store.js';

function storeWithTable(): Store {
  const store = new Store({ dataDir: '', inMemory: true });
  store.migrate([{ id: 'test-1', sql: 'CREATE TABLE t (k TEXT PRIMARY KEY, v TEXT NOT NULL)' }]);
  return store;
}

describe('Store', () => {
  it('compiles a statement once per SQL text', () => {
    const store = storeWithTable();
    assert.equal(
      store.db.prepare('SELECT v FROM t WHERE k = ?'),
      store.db.prepare('SELECT v FROM t WHERE k = ?'),
    );
    assert.equal(
      store.prepare('SELECT v FROM t WHERE k = ?'),
      store.db.prepare('SELECT v FROM t WHERE k = ?'),
    );
    assert.notEqual(store.db.prepare('SELECT k FROM t'), store.db.prepare('SELECT v FROM t'));
    store.close();
  });

  it('moves the generation on a write that changes rows, and not on reads or no-op writes', () => {
    const store = storeWithTable();
    const start = store.generation;
    store.db.prepare('SELECT * FROM t').all();
    store.db.prepare("UPDATE t SET v = 'x' WHERE k = 'absent'").run();
    assert.equal(store.generation, start);
    store.db.prepare('INSERT INTO t (k, v) VALUES (?, ?)').run('a', '1');
    assert.ok(store.generation > start);
    const afterInsert = store.generation;
    store.transaction(() => store.db.prepare('SELECT v FROM t WHERE k = ?').get('a'));
    assert.equal(store.generation, afterInsert);
    store.close();
  });

  it('moves the generation when a transaction rolls back, nested or not', () => {
    const store = storeWithTable();
    store.db.prepare('INSERT INTO t (k, v) VALUES (?, ?)').run('a', '1');
    let seen = -1;
    assert.throws(() =>
      store.transaction(() => {
        store.db.prepare('UPDATE t SET v = ? WHERE k = ?').run('2', 'a');
        seen = store.generation;
        throw new Error('abort');
      }),
    );
    assert.ok(store.generation > seen, 'a rollback must invalidate rows read after the rolled-back write');
    assert.equal((store.db.prepare('SELECT v FROM t WHERE k = ?').get('a') as { v: string }).v, '1');

    // A savepoint rolled back inside a transaction that goes on (better-sqlite3's own nesting).
    store.transaction(() => {
      const inner = store.db.transaction(() => {
        store.db.prepare('UPDATE t SET v = ? WHERE k = ?').run('3', 'a');
        seen = store.generation;
        throw new Error('abort inner');
      });
      assert.throws(() => inner());
      assert.ok(store.generation > seen);
    });
    assert.equal((store.db.prepare('SELECT v FROM t WHERE k = ?').get('a') as { v: string }).v, '1');
    store.close();
  });

  it('memo keeps a value until the store changes, and never one whose computation wrote', () => {
    const store = storeWithTable();
    store.db.prepare('INSERT INTO t (k, v) VALUES (?, ?)').run('a', '1');
    let reads = 0;
    const read = () =>
      store.memo(['t:a'], () => {
        reads++;
        return (store.db.prepare('SELECT v FROM t WHERE k = ?').get('a') as { v: string }).v;
      });
    assert.equal(read(), '1');
    assert.equal(read(), '1');
    assert.equal(reads, 1);
    store.db.prepare('UPDATE t SET v = ? WHERE k = ?').run('2', 'a');
    assert.equal(read(), '2');
    assert.equal(reads, 2);

    let writes = 0;
    const writing = () =>
      store.memo(['t:writing'], () => {
        store.db.prepare('UPDATE t SET v = ? WHERE k = ?').run(String(++writes), 'a');
        return writes;
      });
    assert.equal(writing(), 1);
    assert.equal(writing(), 2, 'a value computed by a write must not be served from the memo');
    store.close();
  });

  it('memo keys are their parts: no two keys meet, a kept undefined is kept, and the table stays bounded', () => {
    const table = new MemoTable(3);
    table.keep(['k', 'a\0b', 'c'], 1);
    table.keep(['k', 'a', 'b\0c'], 2);
    table.keep(['k', 'a'], undefined);
    assert.equal(table.lookup(['k', 'a\0b', 'c']), 1);
    assert.equal(table.lookup(['k', 'a', 'b\0c']), 2, 'parts that would join into the same text stay apart');
    assert.equal(table.lookup(['k', 'a']), undefined, 'a kept undefined is a value');
    assert.equal(table.lookup(['k']), NOT_KEPT, 'a key that only leads to others holds nothing');
    assert.equal(table.lookup(['k', 'a', 'b']), NOT_KEPT);
    table.keep(['k', 'a'], 3);
    assert.equal(table.lookup(['k', 'a\0b', 'c']), 1, 'replacing a value takes no room');
    table.keep(['k', 'd'], 4);
    assert.equal(table.lookup(['k', 'd']), 4);
    assert.equal(table.lookup(['k', 'a\0b', 'c']), NOT_KEPT, 'a full table starts afresh');
  });
});
