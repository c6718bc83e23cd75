import type { ScalarNode, TreeProblem } from './yamlTree.js';

/**
 * Node-making shared by the two readers (the block-subset reader and the tree built from js-yaml's
 * events), which must give identical trees and problems.
 */

const NON_STRING_START = new Set('~nNtTfF0123456789+-.');

/** Core-schema resolution of plain scalars (YAML 1.2): dates stay strings. */
export function resolvePlain(source: string): string | number | boolean | null {
  // Most plain scalars are words: only these first characters can start a null, bool or number.
  if (source.length > 0 && !NON_STRING_START.has(source[0])) return source;
  switch (source) {
    case '': case '~': case 'null': case 'Null': case 'NULL':
      return null;
    case 'true': case 'True': case 'TRUE':
      return true;
    case 'false': case 'False': case 'FALSE':
      return false;
  }
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
