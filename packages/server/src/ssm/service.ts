import type { Service } from '../protocol/services.js';

export const ssmService: Service = {
  targetPrefix: 'AmazonSSM',
  signingName: 'ssm',
  migrations: [],
  operations: [],
};
