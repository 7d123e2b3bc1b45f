import { defineOperation } from '../../protocol/operation.js';
import { integer, list, string, structure } from '../../protocol/shape.js';
import { namedParameterNotFound, plainName, versionNotFound } from '../lookup.js';
import { parametersOf } from '../parameterStore.js';
import { nameMember } from '../shapes.js';

export const unlabelParameterVersion = defineOperation({
  name: 'UnlabelParameterVersion',
  input: structure({
    Name: nameMember,
    ParameterVersion: integer({ required: true }),
    Labels: list(string({ min: 1, max: 100 }), { required: true, min: 1, max: 10 }),
  }),
  handle(input, ctx) {
    const store = parametersOf(ctx);
    const name = plainName(ctx, store, input.Name);
    if (name === undefined) throw namedParameterNotFound(input.Name);
    if (!store.version(name, input.ParameterVersion)) throw versionNotFound(name, input.ParameterVersion);
    const removed: string[] = [];
    const invalid: string[] = [];
    for (const label of new Set(input.Labels)) {
      const on = store.labelVersion(name, label) === input.ParameterVersion;
      if (on) store.removeLabel(name, label);
      (on ? removed : invalid).push(label);
    }
    return { RemovedLabels: removed, InvalidLabels: invalid };
  },
});
