/**
 * The KMS engine keeps the plaintext of a blob it has opened (the hot reads decrypt the same stored
 * blob on every request). What it kept must never answer a call that would have failed: another
 * context, altered bytes, a key that is no longer usable.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { KmsEngine } from '../../src/kms/engine.js';
import { updateKey } from '../../src/kms/keyAdmin.js';
import { OpenedBlobs } from '../../src/kms/openedBlobs.js';
import { kmsMigrations } from '../../src/kms/schema.js';
import { AwsError } from '../../src/protocol/awsError.js';
import { Store } from '../../src/store/store.js';

const scope = { region: 'us-east-1', account: '000000000000' };
const context = { PARAMETER_ARN: 'arn:aws:ssm:us-east-1:000000000000:parameter/app/db' };
const now = new Date();

function setup() {
  const store = new Store({ dataDir: '', inMemory: true });
  store.migrate(kmsMigrations);
  const kms = new KmsEngine(store, randomBytes(32));
  const key = kms.createKey(scope, { now: new Date() });
  const blob = kms.encrypt(key, Buffer.from('s3cret-value'), context);
  return { store, kms, key, blob };
}

const failsWith = (code: string) => (error: unknown) => error instanceof AwsError && error.code === code;

describe('KMS engine: opened blobs', () => {
  it('opens the same blob again with the same context, and a copy of it too', () => {
    const { kms, blob } = setup();
    assert.equal(kms.decrypt(scope, blob, context, now).plaintext.toString(), 's3cret-value');
    assert.equal(kms.decrypt(scope, blob, { ...context }, now).plaintext.toString(), 's3cret-value');
    assert.equal(kms.decrypt(scope, Buffer.from(blob), context, now).plaintext.toString(), 's3cret-value');
  });

  it('refuses an opened blob under another context, or none', () => {
    const { kms, blob } = setup();
    kms.decrypt(scope, blob, context, now);
    assert.throws(
      () => kms.decrypt(scope, blob, { PARAMETER_ARN: `${context.PARAMETER_ARN}-other` }, now),
      failsWith('InvalidCiphertextException'),
    );
    assert.throws(
      () => kms.decrypt(scope, blob, { ...context, extra: '' }, now),
      failsWith('InvalidCiphertextException'),
    );
    assert.throws(() => kms.decrypt(scope, blob, undefined, now), failsWith('InvalidCiphertextException'));
  });

  it('refuses an opened blob whose bytes were changed in place', () => {
    const { kms, blob } = setup();
    kms.decrypt(scope, blob, context, now);
    blob[blob.length - 1]! ^= 0xff;
    assert.throws(() => kms.decrypt(scope, blob, context, now), failsWith('InvalidCiphertextException'));
  });

  it('refuses an opened blob once its key is disabled, and opens it again once enabled', () => {
    const { store, kms, key, blob } = setup();
    kms.decrypt(scope, blob, context, now);
    updateKey(store.db, key, { state: 'Disabled' });
    assert.throws(() => kms.decrypt(scope, blob, context, now), failsWith('DisabledException'));
    updateKey(store.db, key, { state: 'Enabled' });
    assert.equal(kms.decrypt(scope, blob, context, now).plaintext.toString(), 's3cret-value');
  });

  it('keeps nothing for a blob decrypted with remember: false (one that came with a request)', () => {
    const { kms, blob } = setup();
    const kept: Buffer[] = [];
    const set = OpenedBlobs.prototype.set;
    OpenedBlobs.prototype.set = function (this: OpenedBlobs, opened, ...rest) {
      kept.push(opened);
      return set.call(this, opened, ...rest);
    };
    try {
      const fromRequest = Buffer.from(blob);
      assert.equal(
        kms.decrypt(scope, fromRequest, context, now, { remember: false }).plaintext.toString(),
        's3cret-value',
      );
      assert.deepEqual(kept, [], 'nothing kept for the request blob');
      kms.decrypt(scope, blob, context, now);
      assert.deepEqual(kept, [blob], 'a stored blob is kept, as before');
    } finally {
      OpenedBlobs.prototype.set = set;
    }
  });
});
