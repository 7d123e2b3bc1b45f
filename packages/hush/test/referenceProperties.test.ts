/**
 * Property-based checks of the reference grammar: whatever text arrives (from an env var, a
 * template, a user), the parser answers with a Reference or a positioned ReferenceSyntaxError —
 * never another exception, never a hang — and well-formed references parse to what they say.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { findReferences, isReference, parseReference, ReferenceSyntaxError } from '../src/reference/index.js';

const RUNS = 25_000;

const nameSegment = fc.stringMatching(/^[A-Za-z0-9_.-]{1,12}$/);
const ssmName = fc.array(nameSegment, { minLength: 1, maxLength: 6 }).map((parts) => `/${parts.join('/')}`);
const secretId = fc.stringMatching(/^[A-Za-z0-9/_+=.@-]{1,30}$/);
const label = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_.-]{0,20}$/).filter((l) => !/^\d+$/.test(l));
const region = fc.constantFrom('us-east-1', 'eu-west-1', 'ap-southeast-2', 'us-gov-west-1');

/** Text built from the grammar's own punctuation, so the fuzzer reaches deep parser branches. */
const grammarish = fc
  .array(
    fc.constantFrom(
      'ssm:',
      'secretsmanager:',
      'kms:',
      '${ssm',
      '(',
      ')',
      ':',
      '/',
      '#',
      '?',
      '&',
      '=',
      ',',
      "'",
      '"',
      '{{resolve:',
      '}}',
      '}',
      'raw',
      'noDecrypt',
      'region=',
      'ttl=',
      'stage=',
      'SecretString',
      'arn:aws:ssm:',
      'eu-west-1',
      '7',
      'a',
      ' ',
      '\n',
      'é',
      '\u0000',
    ),
    { maxLength: 24 },
  )
  .map((parts) => parts.join(''));

function answersCleanly(text: string): void {
  try {
    const reference = parseReference(text);
    assert.ok(['ssm', 'ssm-path', 'secretsmanager', 'kms'].includes(reference.kind));
  } catch (error) {
    if (!(error instanceof ReferenceSyntaxError)) throw error;
    assert.ok(
      error.position >= 0 && error.position <= text.length + 1,
      `position ${error.position} outside "${text}"`,
    );
    assert.ok(error.message.length > 0);
  }
}

describe('reference grammar properties', () => {
  it('answers any string with a reference or a positioned syntax error', () => {
    fc.assert(fc.property(fc.string({ maxLength: 200, unit: 'binary' }), answersCleanly), { numRuns: RUNS });
  });

  it('answers grammar-shaped noise with a reference or a positioned syntax error', () => {
    fc.assert(fc.property(grammarish, answersCleanly), { numRuns: RUNS });
  });

  it('finds embedded references with consistent offsets in any text', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(grammarish, fc.string({ maxLength: 20 })), { maxLength: 6 }), (parts) => {
        const text = parts.join(' ');
        for (const found of findReferences(text)) {
          assert.equal(text.slice(found.start, found.end), found.raw);
          assert.ok(found.end > found.start);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('parses every well-formed native SSM reference to its parts', () => {
    fc.assert(
      fc.property(
        ssmName,
        fc.option(fc.oneof(fc.integer({ min: 1, max: 100 }), label)),
        fc.option(region),
        (name, selector, r) => {
          const text = `ssm:${name}${selector === null ? '' : `:${selector}`}${r ? `?region=${r}` : ''}`;
          assert.ok(isReference(text));
          const reference = parseReference(text);
          assert.equal(reference.kind, 'ssm');
          if (reference.kind !== 'ssm') return;
          assert.equal(reference.name, name);
          assert.equal(reference.region, r ?? undefined);
          if (typeof selector === 'number') assert.equal(reference.version, selector);
          if (typeof selector === 'string') assert.equal(reference.label, selector);
        },
      ),
      { numRuns: RUNS / 5 },
    );
  });

  it('parses every well-formed Secrets Manager reference in all three dialects', () => {
    fc.assert(
      fc.property(secretId, fc.option(nameSegment), (id, field) => {
        const native = parseReference(`secretsmanager:${id}${field ? `#${field}` : ''}`);
        const cfn = parseReference(`{{resolve:secretsmanager:${id}:SecretString:${field ?? ''}}}`);
        for (const reference of [native, cfn]) {
          assert.equal(reference.kind, 'secretsmanager');
          if (reference.kind !== 'secretsmanager') return;
          assert.equal(reference.secretId, id);
          assert.equal(reference.field, field ?? undefined);
        }
        const serverless = parseReference(
          `\${ssm:/aws/reference/secretsmanager/${id.replace(/[+=@]/g, '_')}}`,
        );
        assert.equal(serverless.kind, 'ssm');
      }),
      { numRuns: RUNS / 5 },
    );
  });
});
