import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { headerValues } from '../../src/auth/canonicalRequest.js';

/** Just what headerValues reads of a request. */
const requestWith = (rawHeaders: string[]) => ({ rawHeaders }) as unknown as IncomingMessage;

/** SigV4's canonical header value, written the plain way. */
const canonical = (value: string) => value.trim().replace(/\s+/g, ' ');

describe('headerValues', () => {
  it('gives every value in its canonical form, whatever whitespace it holds', () => {
    const whitespaceHeavy = fc.string({
      unit: fc.constantFrom(' ', ' ', '\t', '\n', '\r', '\u00a0', '\u2003', '\ufeff', 'a', 'b', ';', '='),
      maxLength: 24,
    });
    fc.assert(
      fc.property(whitespaceHeavy, (value) => {
        const values = headerValues(requestWith(['X-Amz-Meta-Note', value]), ['x-amz-meta-note']);
        assert.equal(values.get('x-amz-meta-note'), canonical(value));
      }),
      { numRuns: 5000 },
    );
  });

  it("keeps the wanted headers only, lower-cased, a repeated one's values joined in arrival order", () => {
    const values = headerValues(
      requestWith(['Host', 'h', 'X-Amz-Date', 'd', 'X-Dup', ' one ', 'User-Agent', 'ua', 'x-dup', 'two']),
      ['host', 'x-dup'],
      ['x-amz-date', 'date'],
    );
    assert.deepEqual(
      [...values],
      [
        ['host', 'h'],
        ['x-amz-date', 'd'],
        ['x-dup', 'one,two'],
      ],
    );
  });
});
