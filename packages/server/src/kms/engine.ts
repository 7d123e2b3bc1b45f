/**
 * KMS as the rest of the server uses it: finding keys by any of their names, creating the
 * AWS-managed keys on first use, and encrypting/decrypting with an encryption context.
 * The KMS operations, SSM's SecureStrings and Secrets Manager's values all go through here, so a
 * key's state (disabled, pending deletion) means the same thing everywhere.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { open, seal } from '../crypto/aesGcm.js';
import { AwsError } from '../protocol/awsError.js';
import type { Store } from '../store/store.js';
import { awsManagedKeyPolicy } from './awsManagedKeyPolicy.js';
import { decodeHeader, encodeHeader, HEADER_BYTES } from './ciphertextBlob.js';
import { type EncryptionContext, encodeEncryptionContext } from './encryptionContext.js';
import { keysDueForDeletion, removeKey, updateKey } from './keyAdmin.js';
import {
  DEFAULT_ROTATION_DAYS,
  dueAt,
  dueRotations,
  nextRotationAt,
  rotationPeriodMs,
} from './keySchedule.js';
import { CiphertextKeyMissing } from './keyUnusable.js';
import { OpenedBlobs } from './openedBlobs.js';

export type KeyState = 'Enabled' | 'Disabled' | 'PendingDeletion';

export interface KeyRecord {
  id: string;
  region: string;
  account: string;
  arn: string;
  description: string;
  keyUsage: string;
  keySpec: string;
  origin: string;
  manager: 'CUSTOMER' | 'AWS';
  state: KeyState;
  createdAt: number;
  deletionDate: number | null;
  pendingWindowDays: number | null;
  rotationEnabled: boolean;
  rotationPeriodDays: number | null;
  /** The next automatic rotation (for an AWS-managed key, worked out from its creation date). */
  nextRotationAt: number | null;
  policy: string;
  multiRegion: boolean;
  /**
   * When the key's deletion or next rotation falls due (Infinity: never). Every lookup compares it
   * with the request's clock, so a memoized record cannot outlive that moment: the store's memos
   * last until the store changes, and time passing changes nothing in the store.
   */
  dueAt: number;
}

interface KeyRow {
  id: string;
  region: string;
  account: string;
  arn: string;
  description: string;
  key_usage: string;
  key_spec: string;
  origin: string;
  manager: 'CUSTOMER' | 'AWS';
  state: KeyState;
  created_at: number;
  deletion_date: number | null;
  pending_window_days: number | null;
  rotation_enabled: number;
  rotation_period_days: number | null;
  next_rotation_at: number | null;
  policy: string;
  multi_region: number;
}

function toRecord(row: KeyRow): KeyRecord {
  const schedule = {
    state: row.state,
    createdAt: row.created_at,
    deletionDate: row.deletion_date,
    rotationEnabled: row.rotation_enabled === 1,
    rotationPeriodDays: row.rotation_period_days,
    storedNextRotationAt: row.next_rotation_at,
  };
  return {
    id: row.id,
    region: row.region,
    account: row.account,
    arn: row.arn,
    description: row.description,
    keyUsage: row.key_usage,
    keySpec: row.key_spec,
    origin: row.origin,
    manager: row.manager,
    state: row.state,
    createdAt: row.created_at,
    deletionDate: row.deletion_date,
    pendingWindowDays: row.pending_window_days,
    rotationEnabled: row.rotation_enabled === 1,
    rotationPeriodDays: row.rotation_period_days,
    nextRotationAt: nextRotationAt(schedule),
    policy: row.policy,
    multiRegion: row.multi_region === 1,
    dueAt: dueAt(schedule),
  };
}

export interface DecryptOptions {
  /** Sees the blob's key before anything else is checked, as KMS checks access first. */
  authorize?: (key: KeyRecord) => void;
  /**
   * Keep the plaintext for the next call with this same blob object (default). Right for a blob the
   * store keeps, which the hot reads decrypt on every request; pointless for one that arrived in a
   * request (KMS Decrypt, ReEncrypt): a new object each time, whose entry the GC would only carry
   * into the old generation before it goes (about 120 bytes a Decrypt call).
   */
  remember?: boolean;
}

export interface Scope {
  region: string;
  account: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const keyArn = (scope: Scope, id: string): string =>
  `arn:aws:kms:${scope.region}:${scope.account}:key/${id}`;
export const aliasArn = (scope: Scope, name: string): string =>
  `arn:aws:kms:${scope.region}:${scope.account}:${name}`;

export function defaultKeyPolicy(account: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Id: 'key-default-1',
    Statement: [
      {
        Sid: 'Enable IAM User Permissions',
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${account}:root` },
        Action: 'kms:*',
        Resource: '*',
      },
    ],
  });
}

const AWS_MANAGED_DESCRIPTIONS: Record<string, string> = {
  'alias/aws/ssm': 'Default key that protects my SSM parameters when no other key is defined',
  'alias/aws/secretsmanager':
    'Default key that protects my Secrets Manager data when no other key is defined',
};

export interface CreateKeyOptions {
  description?: string;
  keyUsage?: string;
  keySpec?: string;
  origin?: string;
  manager?: 'CUSTOMER' | 'AWS';
  policy?: string;
  multiRegion?: boolean;
  tags?: readonly { TagKey: string; TagValue: string }[];
  now: Date;
}

export class KmsEngine {
  /** Unsealed key material, by `keyId/region/version`; material never changes once written. */
  private readonly materialCache = new Map<string, Buffer>();
  private readonly openedBlobs = new OpenedBlobs();

  constructor(
    private readonly store: Store,
    private readonly masterKey: Buffer,
  ) {}

  createKey(scope: Scope, options: CreateKeyOptions): KeyRecord {
    const id = randomUUID();
    const at = options.now.getTime();
    this.store
      .prepare(
        `INSERT INTO kms_keys (id, region, account, arn, description, key_usage, key_spec, origin, manager,
           state, created_at, policy, multi_region)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'Enabled', ?, ?, ?)`,
      )
      .run(
        id,
        scope.region,
        scope.account,
        keyArn(scope, id),
        options.description ?? '',
        options.keyUsage ?? 'ENCRYPT_DECRYPT',
        options.keySpec ?? 'SYMMETRIC_DEFAULT',
        options.origin ?? 'AWS_KMS',
        options.manager ?? 'CUSTOMER',
        at,
        options.policy ?? defaultKeyPolicy(scope.account),
        options.multiRegion ? 1 : 0,
      );
    this.addMaterial(scope, id, at, null);
    const tag = this.store.prepare(
      'INSERT INTO kms_tags (key_id, region, tag_key, tag_value) VALUES (?, ?, ?, ?)',
    );
    for (const t of options.tags ?? []) tag.run(id, scope.region, t.TagKey, t.TagValue);
    return this.getById(scope, id, options.now)!;
  }

  /** Adds a new version of key material (creation or rotation); older versions keep decrypting. */
  addMaterial(
    scope: Scope,
    keyId: string,
    at: number,
    rotationType: 'AUTOMATIC' | 'ON_DEMAND' | null,
  ): number {
    const row = this.store
      .prepare('SELECT COALESCE(MAX(version), 0) AS v FROM kms_key_material WHERE key_id = ? AND region = ?')
      .get(keyId, scope.region) as { v: number };
    const version = row.v + 1;
    const material = randomBytes(32);
    // A transaction that rolled back may have left this version's material (never stored) here.
    this.materialCache.delete(`${keyId}/${scope.region}/${version}`);
    this.store
      .prepare(
        'INSERT INTO kms_key_material (key_id, region, version, sealed, created_at, rotation_type) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(
        keyId,
        scope.region,
        version,
        seal(this.masterKey, material, materialAad(keyId, scope.region, version)),
        at,
        rotationType,
      );
    return version;
  }

  /**
   * The key with this id as of `now` (the request's clock): a deletion or rotation that has fallen
   * due since the key was last looked up is done first, lazily, the way AWS would have done it on
   * time. Undefined once the key is deleted.
   */
  getById(scope: Scope, id: string, now: Date): KeyRecord | undefined {
    const keyId = id.toLowerCase();
    // Every Decrypt, SecureString and secret read looks its key up; a key record rarely changes.
    const key = this.store.memo(['kms-key', scope.region, scope.account, keyId], () =>
      this.readKey(scope, keyId),
    );
    // The hot path's only cost for all this: one comparison with the memoized record.
    if (key === undefined || key.dueAt > now.getTime()) return key;
    return this.catchUp(scope, keyId, now.getTime());
  }

  private readKey(scope: Scope, keyId: string): KeyRecord | undefined {
    const row = this.store
      .prepare('SELECT * FROM kms_keys WHERE id = ? AND region = ? AND account = ?')
      .get(keyId, scope.region, scope.account) as KeyRow | undefined;
    return row && Object.freeze(toRecord(row));
  }

  /**
   * Does what fell due for the key by `now`, in one transaction (the request's, when there is one):
   * past its DeletionDate the key goes with its material, tags and aliases; past its next rotation
   * it gets new material, once per elapsed period, as RotateKeyOnDemand adds it.
   */
  private catchUp(scope: Scope, keyId: string, now: number): KeyRecord | undefined {
    return this.store.transaction(() => {
      const key = this.readKey(scope, keyId);
      if (!key || key.dueAt > now) return key;
      if (key.state === 'PendingDeletion') {
        this.deleteKey(scope, key.id);
        return undefined;
      }
      const { dates, next } = dueRotations(key.nextRotationAt!, rotationPeriodMs(key), now);
      for (const at of dates) this.addMaterial(scope, key.id, at, 'AUTOMATIC');
      updateKey(this.store.db, key, { next_rotation_at: next });
      return this.readKey(scope, keyId);
    });
  }

  /** KMS deletes a key and its key material for good; data encrypted under it stays undecryptable. */
  private deleteKey(scope: Scope, keyId: string): void {
    removeKey(this.store.db, scope, keyId);
    const prefix = `${keyId}/${scope.region}/`;
    for (const cached of this.materialCache.keys()) {
      if (cached.startsWith(prefix)) this.materialCache.delete(cached);
    }
  }

  /** Deletes the keys whose deletion date has passed, so that listings no longer show them. */
  deleteDueKeys(scope: Scope, now: Date): void {
    this.store.transaction(() => {
      for (const id of keysDueForDeletion(this.store.db, scope, now.getTime())) this.deleteKey(scope, id);
    });
  }

  aliasTarget(scope: Scope, aliasName: string): string | undefined {
    const row = this.store
      .prepare('SELECT key_id FROM kms_aliases WHERE region = ? AND account = ? AND name = ?')
      .get(scope.region, scope.account, aliasName) as { key_id: string } | undefined;
    return row?.key_id;
  }

  /**
   * Finds a key by key id, key ARN, alias name or alias ARN, as KMS accepts them in `KeyId`.
   * AWS-managed aliases (`alias/aws/…`) come into being on first use, as they do on AWS.
   */
  findKey(scope: Scope, reference: string, now: Date): KeyRecord {
    if (reference.startsWith('arn:')) {
      const parts = reference.split(':');
      const [, partition, service, region, account, resource] = parts;
      if (parts.length !== 6 || partition !== 'aws' || service !== 'kms' || !resource) {
        throw new AwsError('NotFoundException', `Invalid arn ${reference}`);
      }
      if (region !== scope.region) throw new AwsError('NotFoundException', `Invalid arn ${region}`);
      if (account !== scope.account) {
        throw new AwsError('NotFoundException', `Key '${reference}' does not exist`);
      }
      if (resource.startsWith('key/')) return this.findKey(scope, resource.slice(4), now);
      if (resource.startsWith('alias/')) return this.findAlias(scope, resource, reference, now);
      throw new AwsError('NotFoundException', `Invalid arn ${reference}`);
    }
    if (reference.startsWith('alias/')) {
      return this.findAlias(scope, reference, aliasArn(scope, reference), now);
    }
    if (!UUID.test(reference)) throw new AwsError('NotFoundException', `Invalid keyId '${reference}'`);
    const key = this.getById(scope, reference, now);
    if (!key)
      throw new AwsError(
        'NotFoundException',
        `Key '${keyArn(scope, reference.toLowerCase())}' does not exist`,
      );
    return key;
  }

  private findAlias(scope: Scope, name: string, shownAs: string, now: Date): KeyRecord {
    const target = this.aliasTarget(scope, name);
    // A key deleted just now took its aliases with it: the alias is then as unknown as any other.
    const key = target === undefined ? undefined : this.getById(scope, target, now);
    if (key) return key;
    if (name in AWS_MANAGED_DESCRIPTIONS) return this.awsManagedKey(scope, name, now);
    throw new AwsError('NotFoundException', `Alias ${shownAs} is not found.`);
  }

  /** The AWS-managed key behind `alias/aws/ssm` or `alias/aws/secretsmanager`, created on first use. */
  awsManagedKey(scope: Scope, alias: string, now: Date): KeyRecord {
    const existing = this.aliasTarget(scope, alias);
    // AWS-managed keys cannot be scheduled for deletion, so their lookup always finds them.
    if (existing) return this.getById(scope, existing, now)!;
    return this.store.transaction(() => {
      const key = this.createKey(scope, {
        description: AWS_MANAGED_DESCRIPTIONS[alias] ?? '',
        manager: 'AWS',
        policy: awsManagedKeyPolicy(alias.slice('alias/aws/'.length), scope),
        now,
      });
      this.store
        .prepare(
          'INSERT INTO kms_aliases (region, account, name, key_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
        )
        .run(scope.region, scope.account, alias, key.id, now.getTime(), now.getTime());
      // AWS rotates AWS-managed keys every year, and reports rotation as enabled.
      this.store
        .prepare(
          'UPDATE kms_keys SET rotation_enabled = 1, rotation_period_days = ? WHERE id = ? AND region = ?',
        )
        .run(DEFAULT_ROTATION_DAYS, key.id, scope.region);
      return this.getById(scope, key.id, now)!;
    });
  }

  /** Throws the error KMS gives for a key that cannot be used for cryptography right now. */
  assertUsable(key: KeyRecord): void {
    if (key.state === 'Disabled') throw new AwsError('DisabledException', `${key.arn} is disabled.`);
    if (key.state === 'PendingDeletion') {
      throw new AwsError('KMSInvalidStateException', `${key.arn} is pending deletion.`);
    }
  }

  encrypt(key: KeyRecord, plaintext: Buffer, context?: EncryptionContext): Buffer {
    this.assertUsable(key);
    if (key.keyUsage !== 'ENCRYPT_DECRYPT' || key.keySpec !== 'SYMMETRIC_DEFAULT') {
      throw new AwsError(
        'InvalidKeyUsageException',
        `${key.arn} key usage is ${key.keyUsage} which is not valid for Encrypt.`,
      );
    }
    const version = this.currentMaterialVersion(key);
    const header = encodeHeader({ keyId: key.id, materialVersion: version });
    const material = this.material(key, version)!;
    return Buffer.concat([
      header,
      seal(material, plaintext, Buffer.concat([header, encodeEncryptionContext(context)])),
    ]);
  }

  /** The key a ciphertext blob was made with, without decrypting it (undefined for a foreign blob). */
  keyOfBlob(scope: Scope, blob: Buffer, now: Date): KeyRecord | undefined {
    const header = decodeHeader(blob);
    return header && this.getById(scope, header.keyId, now);
  }

  /**
   * Decrypts a blob made by `encrypt`. A blob that is not ours, was altered, or was bound to another
   * context fails with InvalidCiphertextException and an empty message, as AWS's does; one whose key
   * no longer exists (deleted) or is in another region with CiphertextKeyMissing. `authorize` sees
   * the blob's key before anything else is checked, as KMS checks access first.
   */
  decrypt(
    scope: Scope,
    blob: Buffer,
    context: EncryptionContext | undefined,
    now: Date,
    { authorize, remember = true }: DecryptOptions = {},
  ): { key: KeyRecord; plaintext: Buffer } {
    // A blob opened before names its key without being decoded again; the hit is used only once
    // the key is found usable and the caller allowed, as for any other blob.
    const opened = this.openedBlobs.get(blob, context);
    const header = opened?.header ?? decodeHeader(blob);
    if (!header) throw new AwsError('InvalidCiphertextException', '');
    const key = this.getById(scope, header.keyId, now);
    if (!key) throw new CiphertextKeyMissing();
    authorize?.(key);
    this.assertUsable(key);
    if (opened) return { key, plaintext: opened.plaintext };
    const material = this.material(key, header.materialVersion);
    const aad = Buffer.concat([blob.subarray(0, HEADER_BYTES), encodeEncryptionContext(context)]);
    const plaintext = material && open(material, blob.subarray(HEADER_BYTES), aad);
    if (!plaintext) throw new AwsError('InvalidCiphertextException', '');
    if (remember) this.openedBlobs.set(blob, context, { header, plaintext });
    return { key, plaintext };
  }

  currentMaterialVersion(key: KeyRecord): number {
    const row = this.store
      .prepare('SELECT MAX(version) AS v FROM kms_key_material WHERE key_id = ? AND region = ?')
      .get(key.id, key.region) as { v: number };
    return row.v;
  }

  private material(key: KeyRecord, version: number): Buffer | undefined {
    const cacheKey = `${key.id}/${key.region}/${version}`;
    const cached = this.materialCache.get(cacheKey);
    if (cached) return cached;
    const row = this.store
      .prepare('SELECT sealed FROM kms_key_material WHERE key_id = ? AND region = ? AND version = ?')
      .get(key.id, key.region, version) as { sealed: Buffer } | undefined;
    const material = row && open(this.masterKey, row.sealed, materialAad(key.id, key.region, version));
    if (!material) return undefined;
    this.materialCache.set(cacheKey, material);
    return material;
  }
}

const materialAad = (keyId: string, region: string, version: number): Buffer =>
  Buffer.from(`hush-kms-material\0${keyId}\0${region}\0${version}`, 'utf8');
