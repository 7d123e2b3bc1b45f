/** The structures SSM answers with, members omitted when unset as AWS omits them. */
import type { JsonObject, OperationContext } from '../protocol/operation.js';
import { parameterArn } from './names.js';
import { type ParameterVersion, scopeOf } from './parameterStore.js';
import { visibleValue } from './secureValue.js';

const seconds = (ms: number): number => ms / 1000;

/** `Parameter`, as GetParameter(s) and GetParametersByPath return it, around its `visibleValue`. */
export function parameterOutput(
  ctx: OperationContext,
  v: ParameterVersion,
  value: string,
  selector?: string,
): JsonObject {
  // One literal: a spread in the middle of it made building and serializing it about 1.4 µs slower,
  // on every GetParameter. An undefined Selector is left out of the JSON like any undefined member.
  return {
    Name: v.name,
    Type: v.type,
    Value: value,
    Version: v.version,
    Selector: selector,
    LastModifiedDate: seconds(v.modifiedAt),
    ARN: parameterArn(scopeOf(ctx), v.name),
    DataType: v.dataType,
  };
}

/** `ParameterMetadata`, as DescribeParameters returns it. */
export function metadataOutput(ctx: OperationContext, v: ParameterVersion): JsonObject {
  return {
    Name: v.name,
    ARN: parameterArn(scopeOf(ctx), v.name),
    Type: v.type,
    ...(v.keyId !== null ? { KeyId: v.keyId } : {}),
    LastModifiedDate: seconds(v.modifiedAt),
    LastModifiedUser: v.modifiedUser,
    ...(v.description !== null ? { Description: v.description } : {}),
    ...(v.allowedPattern !== null ? { AllowedPattern: v.allowedPattern } : {}),
    Version: v.version,
    Tier: v.tier,
    Policies: [],
    DataType: v.dataType,
  };
}

/** `ParameterHistory`, one per version. */
export function historyOutput(
  ctx: OperationContext,
  v: ParameterVersion,
  labels: readonly string[],
  withDecryption: boolean,
): JsonObject {
  return {
    Name: v.name,
    Type: v.type,
    ...(v.keyId !== null ? { KeyId: v.keyId } : {}),
    LastModifiedDate: seconds(v.modifiedAt),
    LastModifiedUser: v.modifiedUser,
    ...(v.description !== null ? { Description: v.description } : {}),
    Value: visibleValue(ctx, v, withDecryption),
    ...(v.allowedPattern !== null ? { AllowedPattern: v.allowedPattern } : {}),
    Version: v.version,
    Labels: [...labels],
    Tier: v.tier,
    Policies: [],
    DataType: v.dataType,
  };
}
