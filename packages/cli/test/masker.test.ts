import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MASK, Masker } from '../src/masker.js';

describe('Masker', () => {
  const masked = (values: string[], chunks: string[]) => {
    let out = '';
    const masker = new Masker(values, (t) => {
      out += t;
    });
    for (const chunk of chunks) masker.push(Buffer.from(chunk));
    masker.end();
    return out;
  };

  it('masks a value split across chunks, at any split point', () => {
    const text = 'before hunter22-long after';
    for (let cut = 0; cut <= text.length; cut++) {
      assert.equal(masked(['hunter22-long'], [text.slice(0, cut), text.slice(cut)]), `before ${MASK} after`);
    }
  });

  it('masks the longest value first, every occurrence, and splits inside multibyte characters', () => {
    const bytes = Buffer.from('ключ=pässwörd pässwörd-2 pässwörd');
    let out = '';
    const masker = new Masker(['pässwörd', 'pässwörd-2'], (t) => {
      out += t;
    });
    for (const byte of bytes) masker.push(Buffer.from([byte]));
    masker.end();
    assert.equal(out, `ключ=${MASK} ${MASK} ${MASK}`);
  });

  it('leaves output without values untouched and ignores very short values', () => {
    assert.equal(masked(['abc'], ['abc abcd']), 'abc abcd');
    assert.equal(masked([], ['plain ', 'text']), 'plain text');
  });
});
