import { AwsError } from '../../protocol/awsError.js';
import { defineOperation } from '../../protocol/operation.js';
import { boolean, string, structure } from '../../protocol/shape.js';
import { assertWritableName } from '../names.js';
import {
  type ParameterStore,
  type ParameterTier,
  type ParameterVersion,
  parametersOf,
} from '../parameterStore.js';
import { DEFAULT_KEY_ID, encryptValue, keyFor } from '../secureValue.js';
import { nameMember, tagListMember } from '../shapes.js';

export const MAX_VERSIONS = 100;
const STANDARD_MAX_CHARS = 4096;
const ADVANCED_MAX_CHARS = 8192;
const DATA_TYPES = ['text', 'aws:ec2:image', 'aws:ssm:integration'];
/** The type each special data type requires. */
const DATA_TYPE_PARAMETER_TYPE: Record<string, string> = {
  'aws:ec2:image': 'String',
  'aws:ssm:integration': 'SecureString',
};

const validation = (message: string) => new AwsError('ValidationException', message);

export const putParameter = defineOperation({
  name: 'PutParameter',
  input: structure({
    Name: nameMember,
    Description: string({ min: 0, max: 1024 }),
    Value: string({ required: true, min: 1, max: 32768, sensitive: true }),
    Type: string({ enum: ['String', 'StringList', 'SecureString'] }),
    KeyId: string({ min: 1, max: 256, pattern: /^([a-zA-Z0-9:/_-]+)$/, patternText: '^([a-zA-Z0-9:/_-]+)$' }),
    Overwrite: boolean(),
    AllowedPattern: string({ min: 0, max: 1024 }),
    Tags: tagListMember,
    Tier: string({ enum: ['Standard', 'Advanced', 'Intelligent-Tiering'] }),
    Policies: string({ min: 1, max: 4096 }),
    DataType: string({ min: 0, max: 128 }),
  }),
  handle(input, ctx) {
    const overwrite = input.Overwrite ?? false;
    if (overwrite && input.Tags && input.Tags.length > 0) {
      throw validation(
        "Invalid request: tags and overwrite can't be used together. To create a parameter with tags, please " +
          'remove overwrite flag. To update tags for an existing parameter, please use AddTagsToResource or ' +
          'RemoveTagsFromResource.',
      );
    }
    assertWritableName(input.Name);
    if (input.Policies !== undefined) {
      throw validation('Parameter policies are not supported by hush serve.');
    }
    const store = parametersOf(ctx);
    const previous = store.latest(input.Name);
    if (previous && !overwrite) {
      throw new AwsError(
        'ParameterAlreadyExists',
        'The parameter already exists. To overwrite this value, set the overwrite option in the request to true.',
      );
    }
    const type = input.Type ?? previous?.type;
    if (!type) throw validation('A parameter type is required when you create a parameter.');
    const dataType = input.DataType ?? previous?.dataType ?? 'text';
    if (!DATA_TYPES.includes(dataType)) {
      throw validation(
        `The following data type is not supported: ${dataType} (Data type names are all lowercase.)`,
      );
    }
    const requiredType = DATA_TYPE_PARAMETER_TYPE[dataType];
    if (requiredType && requiredType !== type) {
      throw new AwsError(
        'UnsupportedParameterType',
        `Parameters of data type ${dataType} must be of type ${requiredType}.`,
      );
    }
    const tier = tierFor(input.Tier, previous?.tier, input.Value.length);
    const allowedPattern = input.AllowedPattern ?? previous?.allowedPattern ?? null;
    if (allowedPattern !== null) assertMatchesPattern(allowedPattern, input.Value);
    makeRoomForVersion(store, input.Name);

    let keyId: string | null = null;
    let ciphertext: Buffer | null = null;
    if (type === 'SecureString') {
      keyId = input.KeyId ?? (previous?.type === 'SecureString' ? previous.keyId : null) ?? DEFAULT_KEY_ID;
      ciphertext = encryptValue(ctx, keyFor(ctx, keyId), input.Name, input.Value);
    }
    const version: ParameterVersion = {
      name: input.Name,
      version: (previous?.version ?? 0) + 1,
      type,
      value: ciphertext ? null : input.Value,
      ciphertext,
      keyId,
      description: input.Description ?? previous?.description ?? null,
      allowedPattern,
      tier,
      dataType,
      modifiedAt: ctx.now.getTime(),
      modifiedUser: ctx.caller.arn,
    };
    store.insert(version);
    if (input.Tags) store.putTags(input.Name, input.Tags);
    return { Version: version.version, Tier: tier };
  },
});

/** The tier a write lands in; Intelligent-Tiering picks the cheapest tier that holds the value. */
function tierFor(
  requested: string | undefined,
  previous: ParameterTier | undefined,
  length: number,
): ParameterTier {
  let tier: ParameterTier;
  if (requested === 'Advanced') tier = 'Advanced';
  else if (requested === 'Intelligent-Tiering') {
    tier = previous === 'Advanced' || length > STANDARD_MAX_CHARS ? 'Advanced' : 'Standard';
  } else if (requested === 'Standard') tier = 'Standard';
  else tier = previous ?? 'Standard';
  if (tier === 'Standard' && previous === 'Advanced') {
    throw validation(
      "This parameter uses the advanced-parameter tier. You can't downgrade a parameter from the " +
        'advanced-parameter tier to the standard-parameter tier. If necessary, you can delete the advanced ' +
        'parameter and recreate it as a standard parameter.',
    );
  }
  if (tier === 'Standard' && length > STANDARD_MAX_CHARS) {
    throw validation(
      'Standard tier parameters support a maximum parameter value of 4096 characters. To create a larger ' +
        'parameter value, upgrade the parameter to use the advanced-parameter tier. For more information, see ' +
        'https://docs.aws.amazon.com/systems-manager/latest/userguide/parameter-store-advanced-parameters.html',
    );
  }
  if (tier === 'Advanced' && length > ADVANCED_MAX_CHARS) {
    throw validation('Advanced tier parameters support a maximum parameter value of 8192 characters.');
  }
  return tier;
}

function assertMatchesPattern(pattern: string, value: string): void {
  let regex: RegExp;
  try {
    regex = new RegExp(pattern, 'u');
  } catch {
    throw new AwsError('InvalidAllowedPatternException', `The allowed pattern ${pattern} is not valid.`);
  }
  // The message names the pattern, never the value: the value may be a secret.
  if (!regex.test(value)) {
    throw new AwsError(
      'ParameterPatternMismatchException',
      `Parameter value, cannot be validated against allowedPattern: ${pattern}`,
    );
  }
}

/** At the 100-version limit the oldest version goes, unless a label still points at it. */
function makeRoomForVersion(store: ParameterStore, name: string): void {
  if (store.versionCount(name) < MAX_VERSIONS) return;
  const oldest = store.history(name)[0]!;
  if (store.labels(name, oldest.version).length > 0) {
    throw new AwsError(
      'ParameterMaxVersionLimitExceeded',
      `You attempted to create a new version of ${name} by calling the PutParameter API with the overwrite ` +
        `flag. Version ${oldest.version}, the oldest version, can't be deleted because it has a label ` +
        'associated with it. Move the label to another version of the parameter, and try again.',
    );
  }
  store.deleteVersion(name, oldest.version);
}
