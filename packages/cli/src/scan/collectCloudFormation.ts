/**
 * Reads a CloudFormation/SAM `Resources` map (also a Serverless file's `resources.Resources`):
 * functions with their environment and KMS key, IAM statements, secrets and their rotation, KMS keys.
 */
import type { Node } from 'yaml';
import type { LoadedDocument } from './loadDocument.js';
import type { EnvVar, FunctionModel, ProjectModel, StatementModel } from './model.js';
import {
  isTrue,
  items,
  keyText,
  literalText,
  member,
  pairs,
  positionOf,
  refTarget,
  stringList,
  valueText,
} from './nodes.js';

const FUNCTION_TYPES = new Set(['AWS::Serverless::Function', 'AWS::Lambda::Function']);

export function envVars(loaded: LoadedDocument, variables: unknown): EnvVar[] {
  return pairs(variables).map((pair) => ({
    name: keyText(pair),
    value: valueText(pair.value),
    literal: literalText(pair.value) !== undefined,
    pos: positionOf(loaded.lines, pair.value ?? pair.key),
  }));
}

export function collectCloudFormation(loaded: LoadedDocument, root: unknown, model: ProjectModel): void {
  const globals = member(member(root, 'Globals'), 'Function');
  const sharedEnv = envVars(loaded, member(member(globals, 'Environment'), 'Variables'));
  const sharedKms = member(globals, 'KmsKeyArn') !== undefined;
  model.looseEnv.push(...sharedEnv);
  const resources = pairs(member(root, 'Resources'));
  const rotatedSecrets = new Set<string>();
  for (const pair of resources) {
    const props = member(pair.value, 'Properties');
    if (literalText(member(pair.value, 'Type')) === 'AWS::SecretsManager::RotationSchedule') {
      const ref = refTarget(member(props, 'SecretId'));
      if (ref !== undefined) rotatedSecrets.add(ref);
    }
  }
  for (const pair of resources) {
    const id = keyText(pair);
    const type = literalText(member(pair.value, 'Type')) ?? '';
    const props = member(pair.value, 'Properties');
    const pos = positionOf(loaded.lines, pair.key);
    if (FUNCTION_TYPES.has(type)) {
      const own = envVars(loaded, member(member(props, 'Environment'), 'Variables'));
      const shared = type === 'AWS::Serverless::Function' ? sharedEnv : [];
      const fn: FunctionModel = {
        name: literalText(member(props, 'FunctionName')) ?? id,
        pos,
        env: [...shared, ...own],
        hasKmsKey:
          member(props, 'KmsKeyArn') !== undefined || (type === 'AWS::Serverless::Function' && sharedKms),
      };
      model.functions.push(fn);
      for (const policy of items(member(props, 'Policies'))) {
        model.statements.push(...statementsOf(loaded, policy));
      }
    } else if (type === 'AWS::IAM::Policy' || type === 'AWS::IAM::ManagedPolicy') {
      model.statements.push(...statementsOf(loaded, member(props, 'PolicyDocument')));
    } else if (type === 'AWS::IAM::Role') {
      for (const policy of items(member(props, 'Policies'))) {
        model.statements.push(...statementsOf(loaded, member(policy, 'PolicyDocument')));
      }
    } else if (type === 'AWS::SecretsManager::Secret') {
      model.secrets.push({ id, pos, node: pair.key as Node, rotated: rotatedSecrets.has(id) });
    } else if (type === 'AWS::KMS::Key') {
      const spec = literalText(member(props, 'KeySpec')) ?? 'SYMMETRIC_DEFAULT';
      model.keys.push({
        id,
        pos,
        node: pair.key as Node,
        rotates: isTrue(member(props, 'EnableKeyRotation')),
        symmetric: spec === 'SYMMETRIC_DEFAULT',
      });
    }
  }
}

/** A policy document (or a SAM `Policies` item holding `Statement`): its Allow statements. */
export function statementsOf(loaded: LoadedDocument, document: unknown): StatementModel[] {
  const statement = member(document, 'Statement');
  const list = statement === undefined ? [] : items(statement).length > 0 ? items(statement) : [statement];
  return list.flatMap((node) => statementModel(loaded, node));
}

export function statementModel(loaded: LoadedDocument, node: unknown): StatementModel[] {
  if ((literalText(member(node, 'Effect')) ?? '') !== 'Allow') return [];
  return [
    {
      actions: stringList(member(node, 'Action')).map((a) => a.text),
      anyResource: stringList(member(node, 'Resource'))
        .filter((r) => r.text === '*')
        .map((r) => positionOf(loaded.lines, r.node)),
    },
  ];
}
