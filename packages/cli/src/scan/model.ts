/** What the rules look at, whatever file it came from. */
import type { Node } from 'yaml';
import type { Position } from './finding.js';

export interface EnvVar {
  name: string;
  /** The text of the value (also of a `!Sub`), undefined when computed some other way. */
  value: string | undefined;
  /** True for a plain scalar: a value typed into the file. */
  literal: boolean;
  pos: Position;
  /** The `${self:…}` path the value was found through, if any. */
  via?: string;
}

export interface FunctionModel {
  name: string;
  pos: Position;
  /** Effective environment: shared (provider/Globals) then the function's own. */
  env: EnvVar[];
  hasKmsKey: boolean;
}

export interface StatementModel {
  actions: string[];
  /** Positions of the `*` resources. */
  anyResource: Position[];
}

export interface NamedResource {
  id: string;
  pos: Position;
  node: Node;
}

export interface ProjectModel {
  file: string;
  kind: 'serverless' | 'cloudformation' | 'dotenv';
  functions: FunctionModel[];
  /** Variables not tied to a function (a .env file). */
  looseEnv: EnvVar[];
  statements: StatementModel[];
  secrets: (NamedResource & { rotated: boolean })[];
  keys: (NamedResource & { rotates: boolean; symmetric: boolean })[];
}
