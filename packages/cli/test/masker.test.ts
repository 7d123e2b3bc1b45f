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

  it('holds back only a possible start of a value, however long the pause, and shows the rest at once', async () => {
    let out = '';
    const masker = new Masker(['hunter22-long'], (t) => {
      out += t;
    });
    masker.push(Buffer.from('Password: hunter'));
    assert.equal(out, 'Password: ', 'a prompt shows without waiting for a newline');
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal(out, 'Password: ', 'the possible start of a value stays held through a pause');
    masker.push(Buffer.from('22-long\n'));
    masker.end();
    assert.equal(out, `Password: ${MASK}\n`);
  });

  it('writes a held-back start of a value as it is at the end, masked when the output was cut off', () => {
    for (const [cut, expected] of [
      [false, 'end: hunter'],
      [true, `end: ${MASK}`],
    ] as const) {
      let out = '';
      const masker = new Masker(['hunter22-long'], (t) => {
        out += t;
      });
      masker.push(Buffer.from('end: hunter'));
      masker.end(cut);
      assert.equal(out, expected);
    }
  });
});
