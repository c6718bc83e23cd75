import { createRequire } from 'node:module';
import type { Event, ScalarEvent } from 'js-yaml';
import { parseBlockYaml } from './blockYaml.js';
import { duplicateKey, keyName, resolvePlain, scalarNode } from './yamlNodes.js';

/**
 * A light tree of plain values plus source offsets, read by the block-subset reader or built from js-yaml's
 * offset-carrying event stream.
 * Maps are real Maps, so keys such as `__proto__` are just data.
 */
export type TreeNode = ScalarNode | MapNode | SeqNode;

export interface ScalarNode {
  kind: 'scalar';
  value: string | number | boolean | null;
  /** The text as written, when a plain scalar resolved to something else (id: 01 stays "01"). */
  source?: string;
  start: number;
  end: number;
}
export interface MapEntry {
  key: ScalarNode;
  value: TreeNode;
}
export interface MapNode {
  kind: 'map';
  entries: Map<string, MapEntry>;
  start: number;
  end: number;
}
export interface SeqNode {
  kind: 'seq';
  items: TreeNode[];
  start: number;
  end: number;
}

/** A problem found while building the tree; `offset` points into the source text. */
export interface TreeProblem {
  offset: number;
  kind: 'duplicate-key' | 'complex-key' | 'alias';
  message: string;
}

export interface ParsedYaml {
  documents: (TreeNode | null)[];
  /** Fatal: the text is not YAML. When set, `documents` is empty. */
  syntaxError: { offset: number; message: string } | null;
  /** Non-fatal: duplicate keys, unsupported keys, too many aliases. */
  problems: TreeProblem[];
}

export interface TreeLimits {
  maxDepth: number;
  maxAliases: number;
  /** Nodes a document may hold once every alias is expanded (billion-laughs guard). */
  maxExpandedNodes: number;
}

export const DEFAULT_TREE_LIMITS: TreeLimits = { maxDepth: 64, maxAliases: 1000, maxExpandedNodes: 1_000_000 };

export function parseYamlTree(text: string, limits: TreeLimits = DEFAULT_TREE_LIMITS): ParsedYaml {
  return parseBlockYaml(text, limits.maxDepth) ?? parseYamlEvents(text, limits);
}

/** Takes the items of one sequence of each document, named by the map keys leading to it, as they are read. */
export interface ItemSink {
  path: readonly string[];
  /** `holder` is the mapping whose last key of the path holds the sequence, with the entries read before it. */
  take(item: TreeNode, index: number, document: number, holder: MapNode): void;
}

type JsYaml = typeof import('js-yaml');
const require = createRequire(import.meta.url);
let jsYaml: JsYaml | null = null;

/** js-yaml is loaded for the first file the block reader declines: most runs never need it. */
function loadJsYaml(): JsYaml {
  jsYaml ??= require('js-yaml') as JsYaml;
  return jsYaml;
}

/** The general reader: js-yaml's event parser, then a tree built from its events. */
export function parseYamlEvents(text: string, limits: TreeLimits = DEFAULT_TREE_LIMITS): ParsedYaml {
  let events: Event[];
  try {
    events = loadJsYaml().parseEvents(text, { maxDepth: limits.maxDepth });
  } catch (error) {
    const mark = (error as { mark?: { position?: number } }).mark;
    const reason = (error as { reason?: string }).reason ?? String((error as Error).message ?? error);
    return { documents: [], syntaxError: { offset: mark?.position ?? 0, message: reason }, problems: [] };
  }
  return new TreeBuilder(text, events, limits).build();
}

class TreeBuilder {
  private index = 0;
  private readonly anchors = new Map<string, TreeNode>();
  /** Expanded size and height of each anchored node, known once the node is closed. */
  private readonly anchoredShapes = new Map<TreeNode, { size: number; height: number }>();
  /** Collections open around the node being read, and the deepest level reached (aliases expanded). */
  private depth = 0;
  private deepest = 0;
  private readonly problems: TreeProblem[] = [];
  private aliasCount = 0;
  /** End of the last node read: where an empty value (`steps:` with nothing after it) is placed. */
  private position = 0;
  /** Set once a limit is hit: the rest of the document's aliases are cut without more problems. */
  private aliasLimitHit = false;
  private expandedNodes = 0;
  private readonly yaml = loadJsYaml();
  private readonly id = this.yaml.EVENT_ID;
  private readonly style = this.yaml.SCALAR_STYLE;
  /** What a read event is replaced with. */
  private readonly consumed = { type: this.id.POP } as Event;

  constructor(
    private readonly text: string,
    private readonly events: Event[],
    private readonly limits: TreeLimits,
  ) {}

  build(): ParsedYaml {
    const documents: (TreeNode | null)[] = [];
    while (this.index < this.events.length) {
      this.take(); // DOCUMENT
      const next = this.events[this.index];
      documents.push(next === undefined || next.type === this.id.POP ? null : this.node());
      this.take(); // POP of the document
      this.anchors.clear();
      this.anchoredShapes.clear();
      this.aliasCount = 0;
      this.aliasLimitHit = false;
      this.expandedNodes = 0;
    }
    return { documents, syntaxError: null, problems: this.problems };
  }

  private node(): TreeNode {
    const event = this.take();
    if (event.type === this.id.ALIAS) return this.alias(event.anchorStart, event.anchorEnd);
    const sizeBefore = this.expandedNodes++;
    const deepestOutside = this.deepest;
    this.deepest = this.depth;
    let node: TreeNode;
    switch (event.type) {
      case this.id.SCALAR:
        node = this.remember(event.anchorStart, event.anchorEnd, this.scalar(event));
        break;
      case this.id.MAPPING:
        node = this.mapping(event.start, event.anchorStart, event.anchorEnd);
        break;
      case this.id.SEQUENCE:
        node = this.sequence(event.start, event.anchorStart, event.anchorEnd);
        break;
      default:
        throw new Error(`unexpected YAML event ${event.type}`);
    }
    const height = this.deepest - this.depth;
    this.deepest = Math.max(deepestOutside, this.deepest);
    if (event.anchorStart >= 0) this.anchoredShapes.set(node, { size: this.expandedNodes - sizeBefore, height });
    return node;
  }

  private scalar(event: ScalarEvent): ScalarNode {
    const source = this.yaml.getScalarValue(this.text, event);
    const tag = event.tagStart >= 0 ? this.text.slice(event.tagStart, event.tagEnd) : '';
    const value = event.style === this.style.PLAIN && tag !== '!!str' && tag !== '!' ? resolvePlain(source) : source;
    if (event.valueStart >= 0) this.position = event.valueEnd;
    // A quoted scalar's range includes its quotes, so positions point at what the user typed.
    const quoted = event.style === this.style.SINGLE_QUOTED || event.style === this.style.DOUBLE_QUOTED ? 1 : 0;
    let start = event.valueStart >= 0 ? event.valueStart - quoted : this.position;
    // A block scalar (| or >) starts at its first line's indentation: point at its first character.
    if (event.style === this.style.LITERAL_BLOCK || event.style === this.style.FOLDED_BLOCK) {
      while (start < event.valueEnd && /\s/.test(this.text[start])) start++;
    }
    const end = event.valueStart >= 0 ? event.valueEnd + quoted : this.position;
    return scalarNode(value, source, start, end);
  }

  private mapping(start: number, anchorStart: number, anchorEnd: number): MapNode {
    const node: MapNode = { kind: 'map', entries: new Map(), start, end: start + 1 };
    this.position = start;
    this.remember(anchorStart, anchorEnd, node);
    this.enter();
    const merged: MapNode[] = [];
    while (this.events[this.index].type !== this.id.POP) {
      const key = this.node();
      const value = this.node();
      node.end = Math.max(node.end, value.end, key.end);
      if (key.kind !== 'scalar') {
        this.problems.push({ offset: key.start, kind: 'complex-key', message: 'only plain keys are supported here' });
        continue;
      }
      if (value.kind === 'scalar' && value.start === value.end) {
        // An empty value (`steps:` and nothing after it) is shown where its key is.
        value.start = key.start;
        value.end = key.end;
      }
      const name = keyName(key);
      if (name === '<<' && key.source === undefined && isMergeable(value)) {
        merged.push(...(value.kind === 'map' ? [value] : ((value as SeqNode).items as MapNode[])));
        continue;
      }
      if (node.entries.has(name)) {
        this.problems.push(duplicateKey(key, name));
        continue;
      }
      node.entries.set(name, { key, value });
    }
    // Merge keys (<<: *base): written keys win, then earlier merged maps over later ones.
    for (const source of merged) {
      for (const [name, entry] of source.entries) if (!node.entries.has(name)) node.entries.set(name, entry);
    }
    this.take(); // POP
    this.depth--;
    return node;
  }

  private sequence(start: number, anchorStart: number, anchorEnd: number): SeqNode {
    const node: SeqNode = { kind: 'seq', items: [], start, end: start + 1 };
    this.position = start;
    this.remember(anchorStart, anchorEnd, node);
    this.enter();
    while (this.events[this.index].type !== this.id.POP) {
      const item = this.node();
      node.end = Math.max(node.end, item.end);
      node.items.push(item);
    }
    this.take(); // POP
    this.depth--;
    return node;
  }

  /**
   * The next event, dropped from the array as it is read, so V8 may reclaim read events while the
   * tree grows (one 50,000-step file peaks at 700 MiB instead of 716).
   */
  private take(): Event {
    const event = this.events[this.index];
    this.events[this.index++] = this.consumed;
    return event;
  }

  private enter(): void {
    this.depth++;
    this.deepest = Math.max(this.deepest, this.depth);
  }

  /** Aliases share the anchored node instead of copying it, so an alias bomb costs no memory. */
  private alias(anchorStart: number, anchorEnd: number): TreeNode {
    const name = this.text.slice(anchorStart, anchorEnd);
    const target = this.anchors.get(name);
    const here = anchorStart - 1;
    const cut: ScalarNode = { kind: 'scalar', value: null, start: here, end: anchorEnd };
    if (this.aliasLimitHit) return cut;
    if (++this.aliasCount > this.limits.maxAliases) {
      this.aliasLimitHit = true;
      this.problems.push({ offset: here, kind: 'alias', message: `more than ${this.limits.maxAliases} aliases` });
      return cut;
    }
    const shape = target === undefined ? undefined : this.anchoredShapes.get(target);
    if (target === undefined || shape === undefined) {
      const problem = target === undefined ? `unknown alias "*${name}"` : `alias "*${name}" refers to its own node`;
      this.problems.push({ offset: here, kind: 'alias', message: problem });
      return cut;
    }
    // Aliases must respect the same limits as written text once expanded: size and nesting.
    this.expandedNodes += shape.size;
    const reach = this.depth + shape.height;
    if (this.expandedNodes > this.limits.maxExpandedNodes || reach > this.limits.maxDepth) {
      this.aliasLimitHit = true;
      const problem = reach > this.limits.maxDepth
        ? `aliases nest deeper than ${this.limits.maxDepth} levels`
        : `aliases expand to more than ${this.limits.maxExpandedNodes} nodes`;
      this.problems.push({ offset: here, kind: 'alias', message: problem });
      return cut;
    }
    this.deepest = Math.max(this.deepest, reach);
    return target;
  }

  private remember<T extends TreeNode>(anchorStart: number, anchorEnd: number, node: T): T {
    if (anchorStart >= 0) this.anchors.set(this.text.slice(anchorStart, anchorEnd), node);
    return node;
  }
}

function isMergeable(node: TreeNode): boolean {
  return node.kind === 'map' || (node.kind === 'seq' && node.items.every((item) => item.kind === 'map'));
}

/** Plain JS value of a node, with null-prototype objects (for schema validation). */
export function toPlain(node: TreeNode | null): unknown {
  if (node === null) return null;
  switch (node.kind) {
    case 'scalar':
      return node.value;
    case 'seq':
      return node.items.map(toPlain);
    case 'map': {
      const object: Record<string, unknown> = Object.create(null);
      for (const [key, entry] of node.entries) object[key] = toPlain(entry.value);
      return object;
    }
  }
}

/** The node a JSON pointer (ajv's instancePath) names, or the deepest existing node on its way. */
export function nodeAtPointer(root: TreeNode, pointer: string): TreeNode {
  let node = root;
  for (const raw of pointer.split('/').slice(1)) {
    const part = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    const next = node.kind === 'map' ? node.entries.get(part)?.value : node.kind === 'seq' ? node.items[Number(part)] : undefined;
    if (next === undefined) break;
    node = next;
  }
  return node;
}
