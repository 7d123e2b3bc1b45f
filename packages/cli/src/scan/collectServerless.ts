/**
 * Reads a Serverless Framework service (v3 and v4 share these keys): provider-level and per-function
 * `environment` and `kmsKeyArn`, IAM statements (`provider.iam.role.statements` and the older
 * `provider.iamRoleStatements`), and the CloudFormation under `resources.Resources`.
 */
import { collectCloudFormation, envVars, statementModel } from './collectCloudFormation.js';
import type { LoadedDocument } from './loadDocument.js';
import type { ProjectModel } from './model.js';
import { items, keyText, member, pairs, positionOf } from './nodes.js';
import { followSelf } from './selfVariables.js';

export function collectServerless(loaded: LoadedDocument, root: unknown, model: ProjectModel): void {
  const provider = member(root, 'provider');
  const sharedEnv = followSelf(root, envVars(loaded, member(provider, 'environment')));
  const sharedKms = member(provider, 'kmsKeyArn') !== undefined;
  // Checked on their own too, so a service without functions (yet) is still scanned.
  model.looseEnv.push(...sharedEnv);
  for (const pair of pairs(member(root, 'functions'))) {
    model.functions.push({
      name: keyText(pair),
      pos: positionOf(loaded.lines, pair.key),
      env: [...sharedEnv, ...followSelf(root, envVars(loaded, member(pair.value, 'environment')))],
      hasKmsKey: sharedKms || member(pair.value, 'kmsKeyArn') !== undefined,
    });
  }
  const statements = [
    ...items(member(member(member(provider, 'iam'), 'role'), 'statements')),
    ...items(member(provider, 'iamRoleStatements')),
  ];
  for (const node of statements) model.statements.push(...statementModel(loaded, node));
  const resources = member(root, 'resources');
  if (resources !== undefined) collectCloudFormation(loaded, resources, model);
}
