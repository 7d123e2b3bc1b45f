import type { Service } from '../protocol/services.js';

export const secretsManagerService: Service = {
  targetPrefix: 'secretsmanager',
  signingName: 'secretsmanager',
  migrations: [],
  operations: [],
};
