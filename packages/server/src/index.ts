export type { AuditRecord } from './audit/auditLog.js';
export { FaultSpecError, parseFaultSpec } from './faults/index.js';
export type { RequestHooks, RequestInfo } from './http/handleRequest.js';
export { AwsError } from './protocol/awsError.js';
export {
  DEFAULT_ACCOUNT_ID,
  DEFAULT_PORT,
  type RunningServer,
  type ServerOptions,
  startServer,
} from './server.js';
