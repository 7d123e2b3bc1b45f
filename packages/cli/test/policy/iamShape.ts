/**
 * The shape IAM accepts for an identity policy document: Version 2012-10-17, a non-empty
 * Statement list, each with Effect Allow|Deny, Action as service:Action (wildcards allowed),
 * Resource as "*" or ARNs, Condition as operator → key → string or list of strings.
 */
import assert from 'node:assert/strict';

const ACTION = /^(\*|[a-z0-9-]+:[A-Za-z0-9*?]+)$/;
const RESOURCE = /^(\*|arn:aws[a-z-]*:[a-z0-9-]+:.+)$/;
const OPERATOR = /^(String|Arn|Numeric|Date|Bool|IpAddress|NotIpAddress|Null|ForAnyValue:|ForAllValues:)/;

export interface Statement {
  Sid?: string;
  Effect: string;
  Action: string | string[];
  Resource: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

export interface PolicyDocument {
  Version: string;
  Statement: Statement[];
}

const list = (value: string | string[]): string[] => (Array.isArray(value) ? value : [value]);

export function assertIamPolicy(document: unknown): asserts document is PolicyDocument {
  const doc = document as PolicyDocument;
  assert.deepEqual(Object.keys(doc).sort(), ['Statement', 'Version']);
  assert.equal(doc.Version, '2012-10-17');
  assert.ok(Array.isArray(doc.Statement) && doc.Statement.length > 0, 'Statement is a non-empty list');
  const sids = new Set<string>();
  for (const s of doc.Statement) {
    for (const key of Object.keys(s))
      assert.ok(['Sid', 'Effect', 'Action', 'Resource', 'Condition'].includes(key), key);
    if (s.Sid !== undefined) {
      assert.match(s.Sid, /^[A-Za-z0-9]+$/);
      assert.ok(!sids.has(s.Sid), `Sid ${s.Sid} is unique`);
      sids.add(s.Sid);
    }
    assert.ok(s.Effect === 'Allow' || s.Effect === 'Deny');
    for (const action of list(s.Action)) assert.match(action, ACTION);
    assert.ok(list(s.Resource).length > 0);
    for (const resource of list(s.Resource)) assert.match(resource, RESOURCE);
    if (s.Condition !== undefined) {
      for (const [operator, keys] of Object.entries(s.Condition)) {
        assert.match(operator, OPERATOR);
        for (const [key, value] of Object.entries(keys)) {
          assert.match(key, /^[a-z0-9-]+:[\w:-]+$/i);
          for (const v of list(value)) assert.equal(typeof v, 'string');
        }
      }
    }
  }
}

/** Every resource the statements with `Sid` name, sorted. */
export function resourcesOf(doc: PolicyDocument, sid: string): string[] {
  const statement = doc.Statement.find((s) => s.Sid === sid);
  assert.ok(statement, `statement ${sid}`);
  return list(statement.Resource).sort();
}

export function actionsOf(doc: PolicyDocument, sid: string): string[] {
  const statement = doc.Statement.find((s) => s.Sid === sid);
  assert.ok(statement, `statement ${sid}`);
  return list(statement.Action).sort();
}
