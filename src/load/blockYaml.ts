import { hasLoneSurrogate } from './loneSurrogate.js';
import { duplicateKey, keyName, resolvePlain, scalarNode } from './yamlNodes.js';
import type { ItemSink, MapNode, ParsedYaml, ScalarNode, SeqNode, TreeNode, TreeProblem } from './yamlTree.js';

/**
 * A fast reader for the block-style YAML procedure files are almost always written in: documents of
 * block mappings and sequences whose scalars are plain, single- or double-quoted, each on one line.
 * It builds the same tree (values and offsets) as the general reader, straight from the text, without
 * js-yaml's array of every event. Anything else — flow collections, anchors, tags, block or multi-line
 * scalars, escapes, tabs, lone CRs, empty documents, odd indentation, errors — returns null, and the caller
 * reads the file with js-yaml: this reader never decides a question it is not sure of.
 *
 * With a sink, the items of the sequence at the sink's path are handed to it as they are read and not
 * kept (that sequence is left empty in the tree), so a file of 50,000 steps never holds them all.
 */
export function parseBlockYaml(text: string, maxDepth: number, sink?: ItemSink): ParsedYaml | null {
  // One scan finds nothing in most texts; only a text with a hit is asked which it is.
  if (UNUSUAL_OR_SURROGATE.test(text) && (UNUSUAL_CHARACTER.test(text) || hasLoneSurrogate(text))) return null;
  try {
    return new BlockReader(text, maxDepth, sink).stream();
  } catch (error) {
    if (error === OUTSIDE_SUBSET) return null;
    throw error;
  }
}

/**
 * Characters the reader leaves to js-yaml: tabs, controls, a CR that does not end a line with LF, BOM,
 * YAML 1.1 breaks (lone surrogates are tested apart).
 */
const UNUSUAL_CHARACTERS = String.raw`\0-\x09\x0B\x0C\x0E-\x1F\x7F-\x9F\u2028\u2029\uFEFF\uFFFE\uFFFF`;
const UNUSUAL_CHARACTER = new RegExp(String.raw`[${UNUSUAL_CHARACTERS}]|\r(?!\n)`);
const UNUSUAL_OR_SURROGATE = new RegExp(String.raw`[${UNUSUAL_CHARACTERS}\uD800-\uDFFF]|\r(?!\n)`);

const OUTSIDE_SUBSET = new Error('outside the block subset');

const NEWLINE = 10;
const CARRIAGE_RETURN = 13;
const SPACE = 32;
const HASH = 35;
const DASH = 45;
const COLON = 58;
const DOUBLE_QUOTE = 34;
const SINGLE_QUOTE = 39;
const BACKSLASH = 92;

/** First characters that make a scalar something other than a plain or quoted one (YAML's indicators). */
const INDICATOR = new Set([...'-?:,[]{}#&*!|>%@`'].map((character) => character.charCodeAt(0)));

/** YAML's limit on an implicit key's length. */
const MAX_KEY_LENGTH = 1024;

class BlockReader {
  private readonly length: number;
  private position = 0;
  /** Start of the line `position` is on, so the column is `position - lineStart`. */
  private lineStart = 0;
  private depth = 0;
  private readonly problems: TreeProblem[] = [];
  /** How many keys of the sink's path lead from the document's root to the node being read; -1 off the path. */
  private onSinkPath = 0;
  /** The mapping whose key ends the sink's path, while its sequence is read. */
  private sinkHolder: MapNode | null = null;
  private document = 0;

  constructor(
    private readonly text: string,
    private readonly maxDepth: number,
    private readonly sink: ItemSink | undefined,
  ) {
    this.length = text.length;
  }

  /** Documents, each but the first started by `---` at column 0 (a comment may follow it); an empty one is js-yaml's to read. */
  stream(): ParsedYaml {
    const documents: TreeNode[] = [];
    this.nextContent();
    if (this.atStartMarker()) this.nextContent();
    for (;; this.document++) {
      if (this.atDocumentEnd) throw OUTSIDE_SUBSET; // an empty document, or `...`
      this.onSinkPath = 0;
      documents.push(this.blockNode());
      if (this.position >= this.length) break;
      if (!this.atStartMarker()) throw OUTSIDE_SUBSET;
      this.nextContent();
    }
    return { documents, syntaxError: null, problems: this.problems };
  }

  /** At `---` at column 0 with nothing but a comment after it: moves past the marker. */
  private atStartMarker(): boolean {
    if (this.position >= this.length || !this.text.startsWith('---', this.position)) return false;
    // An indented --- is text to js-yaml (or an error), not a marker.
    if (this.position !== this.lineStart) throw OUTSIDE_SUBSET;
    this.position += 3;
    if (!this.separatesAt(this.position) || this.skipSpaces()) throw OUTSIDE_SUBSET; // `--- value`
    return true;
  }

  /** Set by nextContent at the end of the text or at a document marker: no more content in this document. */
  private atDocumentEnd = false;

  /**
   * Moves to the first character of the next line holding content, past blank and comment lines.
   * False at the end of the text or at a document marker (`---`, `...` at column 0).
   */
  private nextContent(): boolean {
    this.atDocumentEnd = true;
    const text = this.text;
    let position = this.position;
    for (;;) {
      while (position < this.length && text.charCodeAt(position) === SPACE) position++;
      this.position = position;
      if (position >= this.length) return false;
      const code = text.charCodeAt(position);
      if (code === NEWLINE) {
        this.lineStart = ++position;
        continue;
      }
      if (code === CARRIAGE_RETURN) {
        position++; // the LF after it ends the line
        continue;
      }
      if (code === HASH) {
        position = this.lineEnd(position);
        continue;
      }
      const marker = position === this.lineStart && (text.startsWith('---', position) || text.startsWith('...', position));
      if (marker && this.separatesAt(position + 3)) return false;
      this.atDocumentEnd = false;
      return true;
    }
  }

  /** Where the line holding `from` ends, before its LF or CRLF. */
  private lineEnd(from: number): number {
    const end = this.text.indexOf('\n', from);
    if (end === -1) return this.length;
    return this.text.charCodeAt(end - 1) === CARRIAGE_RETURN ? end - 1 : end;
  }

  /** A space, a line break or the end of the text: what must follow `-`, `:` in block indicators. */
  private separatesAt(index: number): boolean {
    if (index >= this.length) return true;
    const code = this.text.charCodeAt(index);
    return code === SPACE || code === NEWLINE || code === CARRIAGE_RETURN;
  }

  private column(): number {
    return this.position - this.lineStart;
  }

  /** `- ` (or `-` ending its line) at `position`: a sequence entry. */
  private atEntry(): boolean {
    return this.text.charCodeAt(this.position) === DASH && this.separatesAt(this.position + 1);
  }

  /** A node starting at `position`, the first content on its line or after a sequence entry's dash. */
  private blockNode(): TreeNode {
    if (this.atEntry()) return this.sequence();
    if (this.keyEnd() >= 0) return this.mapping();
    const scalar = this.inlineScalar();
    this.nextContent();
    return scalar;
  }

  /** Deep nesting is left to js-yaml, which reports the limit in its own words (with a margin: it counts differently). */
  private enter(): void {
    if (++this.depth > this.maxDepth / 2) throw OUTSIDE_SUBSET;
  }

  private mapping(): MapNode {
    this.enter();
    const indent = this.column();
    const start = this.position;
    const node: MapNode = { kind: 'map', entries: new Map(), start, end: start + 1 };
    for (;;) {
      const colon = this.keyEnd();
      if (colon < 0) throw OUTSIDE_SUBSET;
      const key = this.key(colon);
      const name = keyName(key);
      const outside = this.onSinkPath;
      const path = this.sink?.path;
      this.onSinkPath = path !== undefined && outside >= 0 && path[outside] === name ? outside + 1 : -1;
      if (this.onSinkPath === path?.length) this.sinkHolder = node;
      const value = this.mappingValue(indent, key);
      this.onSinkPath = outside;
      node.end = Math.max(node.end, value.end, key.end);
      if (name === '<<') throw OUTSIDE_SUBSET; // merge keys: js-yaml's reader knows them
      if (node.entries.has(name)) {
        this.problems.push(duplicateKey(key, name));
      } else {
        node.entries.set(name, { key, value });
      }
      // `position` is now at the next content line, or at the end.
      if (this.atDocumentEnd) break;
      const column = this.column();
      if (column < indent) break;
      if (column > indent || this.atEntry()) throw OUTSIDE_SUBSET;
    }
    this.depth--;
    return node;
  }

  /** The value after `key:`, leaving `position` at the next content line. */
  private mappingValue(indent: number, key: ScalarNode): TreeNode {
    if (this.skipSpaces()) {
      const value = this.inlineScalar();
      this.nextContent();
      return value;
    }
    // Nothing after the colon: the value is on the lines below, or empty.
    if (this.nextContent()) {
      const column = this.column();
      if (column > indent) return this.blockNode();
      // A sequence may sit at its key's own indentation.
      if (column === indent && this.atEntry()) return this.sequence();
    }
    // An empty value is shown where its key is.
    return { kind: 'scalar', value: null, source: '', start: key.start, end: key.end };
  }

  private sequence(): SeqNode {
    this.enter();
    const indent = this.column();
    const start = this.position;
    const node: SeqNode = { kind: 'seq', items: [], start, end: start + 1 };
    const sink = this.onSinkPath === this.sink?.path.length ? this.sink : undefined;
    const outside = this.onSinkPath;
    this.onSinkPath = -1;
    for (let index = 0; ; index++) {
      this.position++; // the dash
      let item: TreeNode;
      if (this.skipSpaces()) {
        if (this.atEntry()) throw OUTSIDE_SUBSET; // `- - x`: nested compact sequences
        item = this.blockNode();
      } else {
        if (!this.nextContent() || this.column() <= indent) throw OUTSIDE_SUBSET; // an empty entry
        item = this.blockNode();
      }
      node.end = Math.max(node.end, item.end);
      if (sink === undefined) node.items.push(item);
      else sink.take(item, index, this.document, this.sinkHolder!);
      if (this.atDocumentEnd) break;
      const column = this.column();
      if (column < indent || (column === indent && !this.atEntry())) break;
      if (column > indent) throw OUTSIDE_SUBSET;
    }
    this.onSinkPath = outside;
    this.depth--;
    return node;
  }

  /**
   * Skips spaces after an indicator. True when content follows on the line; false at the line's end
   * or a comment, leaving `position` there.
   */
  private skipSpaces(): boolean {
    const text = this.text;
    let position = this.position;
    const spaced = text.charCodeAt(position) === SPACE;
    while (text.charCodeAt(position) === SPACE) position++;
    this.position = position;
    if (position >= this.length) return false;
    const code = text.charCodeAt(position);
    if (code === NEWLINE || code === CARRIAGE_RETURN) return false;
    if (code === HASH && spaced) {
      this.position = this.lineEnd(position);
      return false;
    }
    return true;
  }

  /**
   * Where the implicit key starting at `position` ends (its `:`), or -1 when the line is not `key: …`.
   * Quoted and complex keys are left to js-yaml.
   */
  private keyEnd(): number {
    const text = this.text;
    const first = text.charCodeAt(this.position);
    // A quoted scalar or a dash word (-k: v) is not read as a key here; after other indicators js-yaml reads the line.
    if (first === DOUBLE_QUOTE || first === SINGLE_QUOTE || first === DASH) return -1;
    if (INDICATOR.has(first)) throw OUTSIDE_SUBSET;
    const end = this.lineEnd(this.position);
    for (let index = this.position + 1; index < end; index++) {
      const code = text.charCodeAt(index);
      if (code === COLON) {
        if (this.separatesAt(index + 1)) return index - this.position > MAX_KEY_LENGTH ? -1 : index;
      } else if (code === HASH && text.charCodeAt(index - 1) === SPACE) {
        return -1;
      }
    }
    return -1;
  }

  private key(colon: number): ScalarNode {
    const start = this.position;
    let end = colon;
    while (this.text.charCodeAt(end - 1) === SPACE) end--;
    this.position = colon + 1;
    return plainScalar(knownKey(this.text, start, end), start, end);
  }

  /** A one-line scalar at `position`; afterwards only spaces and a comment may follow on the line. */
  private inlineScalar(): ScalarNode {
    const text = this.text;
    const start = this.position;
    const first = text.charCodeAt(start);
    let scalar: ScalarNode;
    if (first === DOUBLE_QUOTE || first === SINGLE_QUOTE) {
      scalar = this.quotedScalar(first);
    } else {
      // `-` followed by a non-space (a negative number, a dash in a word) is plain; other indicators are not.
      if (INDICATOR.has(first) && (first !== DASH || this.separatesAt(start + 1))) throw OUTSIDE_SUBSET;
      scalar = this.plainValue();
    }
    if (this.skipSpaces()) throw OUTSIDE_SUBSET; // something after a quoted scalar: a quoted key, or an error
    return scalar;
  }

  /** A plain scalar running to the end of its line or a comment; `key: value: x` is left to js-yaml. */
  private plainValue(): ScalarNode {
    const text = this.text;
    const start = this.position;
    const lineEnd = this.lineEnd(start);
    let end = lineEnd;
    for (let index = start + 1; index < lineEnd; index++) {
      const code = text.charCodeAt(index);
      if (code === COLON) {
        if (this.separatesAt(index + 1)) throw OUTSIDE_SUBSET;
      } else if (code === HASH && text.charCodeAt(index - 1) === SPACE) {
        end = index;
        break;
      }
    }
    while (text.charCodeAt(end - 1) === SPACE) end--;
    this.position = end;
    return plainScalar(text.slice(start, end), start, end);
  }

  /** A quoted scalar on one line without escapes ('' in single quotes is the one escape read here). */
  private quotedScalar(quote: number): ScalarNode {
    const text = this.text;
    const start = this.position;
    const lineEnd = this.lineEnd(start);
    let value = '';
    let from = start + 1;
    for (let index = from; index < lineEnd; index++) {
      const code = text.charCodeAt(index);
      if (code === BACKSLASH && quote === DOUBLE_QUOTE) throw OUTSIDE_SUBSET;
      if (code !== quote) continue;
      if (quote === SINGLE_QUOTE && text.charCodeAt(index + 1) === SINGLE_QUOTE) {
        value += text.slice(from, index + 1);
        from = ++index + 1;
        continue;
      }
      value += text.slice(from, index);
      this.position = index + 1;
      return { kind: 'scalar', value, start, end: index + 1 };
    }
    throw OUTSIDE_SUBSET; // the quotes continue on the next line
  }
}

/** Keys met so far, by length: the same few keys (id, name, issuer …) repeat in every step of every file. */
const KNOWN_KEYS = new Map<number, string[]>();
const KNOWN_KEYS_PER_LENGTH = 8;
/**
 * Only short keys are kept: V8 copies a slice this short, while a longer one would be a view that keeps
 * its whole file's text alive.
 */
const KNOWN_KEY_MAX_LENGTH = 12;

/** The key's text, as a string already held when the same key was met before (one string, not one per entry). */
function knownKey(text: string, start: number, end: number): string {
  if (end - start > KNOWN_KEY_MAX_LENGTH) return text.slice(start, end);
  const known = KNOWN_KEYS.get(end - start);
  if (known !== undefined) {
    for (const key of known) if (text.startsWith(key, start)) return key;
  }
  const key = text.slice(start, end);
  if (known === undefined) KNOWN_KEYS.set(end - start, [key]);
  else if (known.length < KNOWN_KEYS_PER_LENGTH) known.push(key);
  return key;
}

function plainScalar(source: string, start: number, end: number): ScalarNode {
  return scalarNode(resolvePlain(source), source, start, end);
}
