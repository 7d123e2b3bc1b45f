import { AwsError } from '../../protocol/awsError.js';
import { defineOperation } from '../../protocol/operation.js';
import { list, string, structure } from '../../protocol/shape.js';
import { isValidLabel, MAX_LABELS_PER_VERSION } from '../labels.js';
import { namedParameterNotFound, plainName, versionNotFound } from '../lookup.js';
import { parametersOf } from '../parameterStore.js';
import { nameMember, versionMember } from '../shapes.js';

export const labelParameterVersion = defineOperation({
  name: 'LabelParameterVersion',
  input: structure({
    Name: nameMember,
    ParameterVersion: versionMember,
    Labels: list(string({ min: 1, max: 100 }), { required: true, min: 1, max: 10 }),
  }),
  handle(input, ctx) {
    const store = parametersOf(ctx);
    const name = plainName(ctx, store, input.Name);
    if (name === undefined) throw namedParameterNotFound(input.Name);
    const version = input.ParameterVersion ?? store.latest(name)!.version;
    if (!store.version(name, version)) throw versionNotFound(name, version);
    const labels = [...new Set(input.Labels)];
    const valid = labels.filter(isValidLabel);
    const current = store.labels(name, version);
    const added = valid.filter((label) => !current.includes(label));
    if (current.length + added.length > MAX_LABELS_PER_VERSION) {
      throw new AwsError(
        'ParameterVersionLabelLimitExceeded',
        'A parameter version can have maximum 10 labels.Move one or more labels to another version and try again.',
      );
    }
    for (const label of added) store.setLabel(name, label, version);
    return { InvalidLabels: labels.filter((label) => !isValidLabel(label)), ParameterVersion: version };
  },
});
