import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BoundedMap } from '../src/caches/boundedMap.js';

describe('BoundedMap', () => {
  it('holds at most its bound, replaces without room, and starts afresh when a new key finds it full', () => {
    const map = new BoundedMap<string, number>(2);
    map.set('a', 1).set('b', 2);
    map.set('a', 3);
    assert.deepEqual(
      [...map],
      [
        ['a', 3],
        ['b', 2],
      ],
      'replacing a value takes no room',
    );
    map.set('c', 4);
    assert.deepEqual([...map], [['c', 4]], 'a new key in a full map empties it first');
  });
});
