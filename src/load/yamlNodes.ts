import type { ScalarNode, TreeProblem } from './yamlTree.js';

/**
 * Node-making shared by the two readers (the block-subset reader and the tree built from js-yaml's
 * events), which must give identical trees and problems.
 */

/** Words that are not strings, by their first character's code; every other word starting so (name, note, type) is one. */
type Literal = null | boolean;
const LITERALS = new Map<number, ReadonlyMap<string, Literal>>(([
  ['~', [['~', null]]],
  ['n', [['null', null]]],
  ['N', [['Null', null], ['NULL', null]]],
  ['t', [['true', true]]],
  ['T', [['True', true], ['TRUE', true]]],
  ['f', [['false', false]]],
  ['F', [['False', false], ['FALSE', false]]],
] as [string, [string, Literal][]][]).map(([first, words]) => [first.charCodeAt(0), new Map(words)]));
const NUMBER_START = new Set([...'0123456789+-.'].map((character) => character.charCodeAt(0)));

/**
 * Core-schema resolution of plain scalars (YAML 1.2): dates stay strings. The first character is read
 * as a code: as a string, a CJK character would be a new string for every scalar.
 */
export function resolvePlain(source: string): string | number | boolean | null {
  if (source.length === 0) return null;
  const first = source.charCodeAt(0);
  const literals = LITERALS.get(first);
  if (literals !== undefined) return literals.has(source) ? literals.get(source)! : source;
  // Most plain scalars are words: only these first characters can start a number.
  if (!NUMBER_START.has(first)) return source;
  if (/^[-+]?(?:0|[1-9][0-9]*)$/.test(source)) return Number(source);
  if (/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/.test(source)) return Number(source);
  if (/^0x[0-9a-fA-F]+$/.test(source)) return Number.parseInt(source.slice(2), 16);
  if (/^0o[0-7]+$/.test(source)) return Number.parseInt(source.slice(2), 8);
  if (/^[-+]?\.(?:inf|Inf|INF)$/.test(source)) return source.startsWith('-') ? -Infinity : Infinity;
  if (/^\.(?:nan|NaN|NAN)$/.test(source)) return NaN;
  return source;
}

/** A scalar node; the text as written is kept only when it resolved to something other than a string. */
export function scalarNode(value: ScalarNode['value'], source: string, start: number, end: number): ScalarNode {
  return typeof value === 'string' ? { kind: 'scalar', value, start, end } : { kind: 'scalar', value, source, start, end };
}

/** The name a mapping key stands for (id: 01 is "01", not 1). */
export function keyName(key: ScalarNode): string {
  return String(key.source ?? key.value);
}

export function duplicateKey(key: ScalarNode, name: string): TreeProblem {
  return { offset: key.start, kind: 'duplicate-key', message: `duplicate key "${name}"` };
}
