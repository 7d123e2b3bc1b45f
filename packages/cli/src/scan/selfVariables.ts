/**
 * Serverless `${self:custom.x}` variables: a secret is often kept under `custom:` and pulled into
 * `environment:` this way, and lands in the function's configuration all the same. A whole-value
 * `${self:…}` is followed (a few levels, for chains) to the value it names.
 */
import type { EnvVar } from './model.js';
import { literalText, member, valueText } from './nodes.js';

const SELF = /^\$\{self:([A-Za-z0-9_.-]+)\}$/;
const MAX_HOPS = 5;

export function followSelf(root: unknown, variables: EnvVar[]): EnvVar[] {
  return variables.map((variable) => {
    let current = variable;
    for (let hop = 0; hop < MAX_HOPS; hop++) {
      const path = SELF.exec(current.value ?? '')?.[1];
      if (!path) break;
      const node = path.split('.').reduce<unknown>((node, key) => member(node, key), root);
      if (node === undefined) break;
      current = { ...current, value: valueText(node), literal: literalText(node) !== undefined, via: path };
    }
    return current;
  });
}
