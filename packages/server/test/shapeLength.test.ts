/**
 * String length constraints count code points, as AWS does: a character outside the Basic
 * Multilingual Plane (a surrogate pair) is one, a lone surrogate is one.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { AwsError } from '../src/protocol/awsError.js';
import { string, structure, validate } from '../src/protocol/shape.js';

const shape = structure({ Value: string({ min: 2, max: 4 }) });

describe('string length constraints', () => {
  it('accept a string exactly when its code points are within the bounds', () => {
    const units = fc.constantFrom('a', 'é', '😀', '\ud83d', '\ude00', '𝄞', '\u0000');
    fc.assert(
      fc.property(fc.array(units, { maxLength: 7 }), (parts) => {
        const value = parts.join('');
        const length = [...value].length;
        let accepted = true;
        try {
          validate(shape, { Value: value });
        } catch (error) {
          assert.ok(error instanceof AwsError && error.code === 'ValidationException');
          assert.match(error.message, /at 'value' failed to satisfy constraint: Member must have length/);
          accepted = false;
        }
        assert.equal(accepted, length >= 2 && length <= 4, JSON.stringify(value));
      }),
      { numRuns: 5000 },
    );
  });
});
