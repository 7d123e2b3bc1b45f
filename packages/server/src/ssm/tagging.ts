/** The parameter a tagging operation names (`ResourceType: Parameter`, `ResourceId`: its name). */
import { AwsError } from '../protocol/awsError.js';
import type { OperationContext } from '../protocol/operation.js';
import { plainName } from './lookup.js';
import { type ParameterStore, parametersOf } from './parameterStore.js';

export const MAX_TAGS = 50;

export function taggedParameter(
  ctx: OperationContext,
  resourceType: string,
  resourceId: string,
): { store: ParameterStore; name: string } {
  const store = parametersOf(ctx);
  // Only parameters live in hush serve: any other resource type names nothing that exists.
  const name = resourceType === 'Parameter' ? plainName(ctx, store, resourceId) : undefined;
  if (name === undefined) throw new AwsError('InvalidResourceId', 'Invalid Resource Id');
  return { store, name };
}
