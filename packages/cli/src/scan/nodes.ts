/** Small readers over yaml nodes: member lookup, positions, and what a value says. */
import { isMap, isScalar, isSeq, type LineCounter, type Node, type Pair, type YAMLMap } from 'yaml';
import type { Position } from './finding.js';

export function member(node: unknown, key: string): Node | undefined {
  if (!isMap(node)) return undefined;
  const pair = (node as YAMLMap<unknown, unknown>).items.find((p) => keyText(p) === key);
  return (pair?.value ?? undefined) as Node | undefined;
}

export function pairs(node: unknown): Pair<Node, Node>[] {
  return isMap(node) ? ((node as YAMLMap<Node, Node>).items as Pair<Node, Node>[]) : [];
}

export function items(node: unknown): Node[] {
  return isSeq(node) ? (node.items as Node[]) : [];
}

export const keyText = (pair: Pair<unknown, unknown>): string =>
  isScalar(pair.key) ? String(pair.key.value) : String(pair.key);

export function positionOf(lines: LineCounter, node: unknown): Position {
  const range = (node as Node | undefined)?.range;
  const pos = lines.linePos(range ? range[0] : 0);
  return { line: pos.line, column: pos.col };
}

/** A plain scalar's string, or undefined for anything computed (tags, Fn:: maps, collections). */
export function literalText(node: unknown): string | undefined {
  if (!isScalar(node) || node.tag?.startsWith('!')) return undefined;
  return node.value === null || node.value === undefined ? undefined : String(node.value);
}

/** The text a value carries even when computed: `!Sub 'x'`, `{ "Fn::Sub": "x" }`, or a literal. */
export function valueText(node: unknown): string | undefined {
  if (isScalar(node)) {
    if (node.tag === '!Sub' || !node.tag?.startsWith('!'))
      return node.value == null ? undefined : String(node.value);
    return undefined;
  }
  if (isSeq(node) && node.tag === '!Sub') return literalText(node.items[0]);
  const sub = member(node, 'Fn::Sub');
  if (sub !== undefined) return isSeq(sub) ? literalText(sub.items[0]) : literalText(sub);
  return undefined;
}

export const isTrue = (node: unknown): boolean => {
  if (!isScalar(node)) return false;
  return node.value === true || String(node.value).toLowerCase() === 'true';
};

/** A string or list of strings (IAM's Action/Resource), with each one's node. */
export function stringList(node: unknown): { text: string; node: Node }[] {
  if (isSeq(node)) return (node.items as Node[]).flatMap((item) => stringList(item));
  const text = literalText(node) ?? valueText(node);
  return text === undefined || node === undefined ? [] : [{ text, node: node as Node }];
}

/** The logical id a `!Ref X` or `{ "Ref": "X" }` names. */
export function refTarget(node: unknown): string | undefined {
  if (isScalar(node) && node.tag === '!Ref') return String(node.value);
  return literalText(member(node, 'Ref'));
}
