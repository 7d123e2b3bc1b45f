import type { Service } from '../protocol/services.js';
import { createKey } from './operations/createKey.js';
import { decrypt } from './operations/decrypt.js';
import { encrypt } from './operations/encrypt.js';
import { kmsMigrations } from './schema.js';

export const kmsService: Service = {
  targetPrefix: 'TrentService',
  signingName: 'kms',
  migrations: kmsMigrations,
  operations: [createKey, encrypt, decrypt],
};
