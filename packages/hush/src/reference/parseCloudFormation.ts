/**
 * CloudFormation dynamic references:
 *
 *   {{resolve:ssm:name}}  {{resolve:ssm:name:version}}  {{resolve:ssm-secure:name:version}}
 *   {{resolve:secretsmanager:secret-id:SecretString:json-key:version-stage:version-id}}
 *
 * The secret id may be a full ARN (which itself holds colons); trailing segments may be empty.
 */
import { checkSecretId, checkSsmName, parseVersion } from './names.js';
import { ReferenceSyntaxError } from './referenceSyntaxError.js';
import type { SecretsManagerReference, SsmParameterReference } from './types.js';

const PREFIX = '{{resolve:';

export function parseCloudFormation(text: string): SsmParameterReference | SecretsManagerReference {
  if (!text.startsWith(PREFIX) || !text.endsWith('}}')) {
    throw new ReferenceSyntaxError(text, 0, 'a dynamic reference looks like {{resolve:service:key}}');
  }
  const [service = '', ...keyParts] = text.slice(PREFIX.length, -2).split(':');
  const key = keyParts.join(':');
  const keyAt = PREFIX.length + service.length + 1;
  if (service === 'ssm' || service === 'ssm-secure') return parseSsm(text, service, key, keyAt);
  if (service === 'secretsmanager') return parseSecret(text, key, keyAt);
  throw new ReferenceSyntaxError(
    text,
    PREFIX.length,
    `unknown service "${service}" (expected ssm, ssm-secure or secretsmanager)`,
  );
}

function parseSsm(text: string, service: string, key: string, at: number): SsmParameterReference {
  const colon = key.lastIndexOf(':');
  const name = colon < 0 ? key : key.slice(0, colon);
  checkSsmName(text, name, at);
  const reference: SsmParameterReference = {
    text,
    dialect: 'cloudformation',
    kind: 'ssm',
    name,
    decrypt: service === 'ssm-secure',
    format: 'raw',
  };
  if (reference.decrypt) reference.secure = true;
  if (colon >= 0) reference.version = parseVersion(text, key.slice(colon + 1), at + colon + 1);
  return reference;
}

function parseSecret(text: string, key: string, at: number): SecretsManagerReference {
  // A full ARN is 7 colon-separated parts; a name has none.
  const parts = key.split(':');
  const idParts = key.startsWith('arn:') ? 7 : 1;
  const secretId = parts.slice(0, idParts).join(':');
  checkSecretId(text, secretId, at);
  const [secretString = '', jsonKey = '', stage = '', versionId = '', ...extra] = parts.slice(idParts);
  let offset = at + secretId.length + 1;
  if (secretString !== '' && secretString !== 'SecretString') {
    throw new ReferenceSyntaxError(text, offset, `expected "SecretString" here, found "${secretString}"`);
  }
  offset += secretString.length + 1 + jsonKey.length + 1;
  if (stage !== '' && versionId !== '') {
    throw new ReferenceSyntaxError(text, offset, 'give a version stage or a version id, not both');
  }
  if (extra.length > 0) {
    throw new ReferenceSyntaxError(text, offset + stage.length + versionId.length + 2, 'too many segments');
  }
  const reference: SecretsManagerReference = {
    text,
    dialect: 'cloudformation',
    kind: 'secretsmanager',
    secretId,
    format: 'raw',
  };
  if (jsonKey) reference.field = jsonKey;
  if (stage) reference.versionStage = stage;
  if (versionId) reference.versionId = versionId;
  return reference;
}
