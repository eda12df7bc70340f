// Positions in a YAML source: every diagnostic about a blueprint points at file:line:col.
// Parsing is bounded before the YAML library sees the text (input size, nesting depth) and after
// (the size aliases expand to), so a hostile file fails in well under a second with a message.
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, YAMLParseError, type Document, type Node, type Scalar } from "yaml";
import type { Position, SourceDoc } from "../../core/source.ts";

export interface YamlSource extends SourceDoc {
  readonly doc: Document.Parsed;
  /** Where a byte offset of the text is. */
  at(offset: number): Position;
}

/** Bounds on what a blueprint may take to read. */
export interface InputLimits {
  /** Bytes of text. */
  readonly maxBytes: number;
  /** Values (scalars, mappings, sequences) once aliases are expanded. */
  readonly maxValues: number;
}

// The largest example is under 10 KB; 256 KiB parses in a fraction of a second.
export const DEFAULT_LIMITS: Readonly<InputLimits> = { maxBytes: 256 * 1024, maxValues: 200_000 };

/** Nesting deeper than this is no blueprint (they nest a dozen levels) and would exhaust the parser's stack. */
export const MAX_DEPTH = 100;

export function parseYaml(file: string, text: string): YamlSource {
  const lines = new LineCounter();
  // merge: YAML merge keys (<<: *base) as YAML 1.1 writers use them. Duplicate keys are found
  // here rather than by the library, which compares each key with every earlier key of its map
  // (a 255 KB blueprint holding one 22,000-key mapping took 3.7 s to refuse).
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: false, merge: true });
  const duplicates = duplicateKeys(doc);
  if (duplicates.length) {
    doc.errors.push(...duplicates);
    doc.errors.sort((a, b) => a.pos[0] - b.pos[0]);
  }
  const at = (offset: number): Position => {
    const { line, col } = lines.linePos(offset);
    return { file, line, col };
  };
  return {
    file,
    doc,
    at,
    locate(path, key) {
      for (let n = path.length; n >= 0; n--) {
        const node = doc.getIn(path.slice(0, n), true);
        if (!node || typeof node !== "object" || !("range" in node)) continue;
        if (key !== undefined && n === path.length && isMap(node)) {
          const pair = node.items.find((p) => isScalar(p.key) && p.key.value === key);
          if (pair && isScalar(pair.key) && pair.key.range) return at(pair.key.range[0]);
        }
        const range = (node as { range?: [number, number, number] }).range;
        if (range) return at(range[0]);
      }
      return { file, line: 1, col: 1 };
    },
  };
}

/**
 * The library's duplicate-key errors, found with one set per mapping: scalar keys are the same
 * when their values are (`a` and `'a'`, `1` and `1.0`, `~` and `null`), as the library compares
 * them; other keys, merge keys (each its own symbol) and NaN never are. Aliases are not followed:
 * the mapping an alias names is checked where it is written. Without recursion: a document may
 * nest as deep as the depth limit allows.
 */
function duplicateKeys(doc: Document.Parsed): YAMLParseError[] {
  const found: YAMLParseError[] = [];
  const stack: unknown[] = [doc.contents];
  while (stack.length) {
    const node = stack.pop();
    if (isMap(node)) {
      const items = node.items;
      // A blueprint's mappings hold a handful of keys: compared in place, without a set each.
      const seen = items.length > 16 ? new Set<unknown>() : undefined;
      for (let i = 0; i < items.length; i++) {
        const key = items[i].key;
        if (isScalar(key) && !Number.isNaN(key.value)) {
          let again = false;
          if (seen) {
            again = seen.has(key.value);
            seen.add(key.value);
          } else for (let j = 0; j < i && !again; j++) again = isScalar(items[j].key) && (items[j].key as Scalar).value === key.value;
          if (again) found.push(new YAMLParseError([key.range?.[0] ?? 0, (key.range?.[0] ?? 0) + 1], "DUPLICATE_KEY", "Map keys must be unique"));
        }
        stack.push(key, items[i].value);
      }
    } else if (isSeq(node)) for (const item of node.items) isPair(item) ? stack.push(item.key, item.value) : stack.push(item);
  }
  return found;
}

/**
 * The byte offset where the text nests deeper than `limit` (flow brackets, or block indentation
 * counted as a level per two columns), or undefined. A lexical scan: quoted text is skipped.
 */
export function tooDeep(text: string, limit = MAX_DEPTH): number | undefined {
  let flow = 0;
  let quote: string | undefined;
  let lineStart = true;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (lineStart) {
      let indent = 0;
      while (text[i + indent] === " ") indent++;
      if (indent / 2 > limit) return i + indent;
      lineStart = false;
    }
    if (c === "\n") {
      lineStart = true;
      if (quote === "'" || quote === '"') continue;
    }
    if (quote) {
      if (c === "\\" && quote === '"') i++;
      else if (c === quote) quote = undefined;
      continue;
    }
    if (c === "#" && (i === 0 || /\s/.test(text[i - 1]))) {
      while (i < text.length && text[i] !== "\n") i++;
      i--;
      continue;
    }
    if (c === "'" || c === '"') quote = c;
    else if (c === "[" || c === "{") {
      flow++;
      if (flow > limit) return i;
    } else if ((c === "]" || c === "}") && flow > 0) flow--;
  }
  return undefined;
}

/** A problem found walking the parsed document: an alias to nothing, or too much expansion. */
export interface WalkProblem {
  readonly offset: number;
  readonly message: string;
}

/**
 * Checks aliases before the document becomes data: each must name an anchor, and the values they
 * expand to (an anchored list repeated by a hundred aliases) must stay under `maxValues`.
 */
export function checkAliases(doc: Document.Parsed, maxValues: number): WalkProblem | undefined {
  // Most documents have no alias: their values are their nodes, counted in one plain walk.
  const plain = countWithoutAliases(doc);
  if (plain !== undefined)
    return plain.count > maxValues
      ? { offset: plain.offset, message: `aliases expand this document past ${maxValues.toLocaleString("en-US")} values; a blueprint is far smaller (raise the limit with --max-values)` }
      : undefined;
  // A node's children; for an alias, the node it names.
  const children = (node: Node): Node[] | WalkProblem => {
    if (isAlias(node)) {
      const target = node.resolve(doc);
      return target ? [target as Node] : { offset: node.range?.[0] ?? 0, message: `alias *${node.source} names no anchor (&${node.source}) before it` };
    }
    if (isMap(node) || isSeq(node))
      return node.items.flatMap((item) => (isPair(item) ? [item.key, item.value] : [item])).filter((n): n is Node => !!n && typeof n === "object" && "range" in n);
    return [];
  };
  // Sizes, computed post-order without recursion (each node once: an alias reuses its target's).
  const sizes = new Map<Node, number>();
  const open = new Set<Node>();
  // Each node's children are listed once, when it is first opened, and kept for its total.
  const stack: { node: Node; kids?: Node[] }[] = doc.contents ? [{ node: doc.contents as Node }] : [];
  while (stack.length) {
    const top = stack[stack.length - 1];
    if (sizes.has(top.node)) {
      stack.pop();
      continue;
    }
    if (!top.kids) {
      const kids = children(top.node);
      if (!Array.isArray(kids)) return kids;
      top.kids = kids;
      open.add(top.node);
      for (const kid of kids) {
        if (open.has(kid)) return { offset: top.node.range?.[0] ?? 0, message: "an alias names a node it is inside of: it would expand forever" };
        if (sizes.has(kid)) continue;
        if (isScalar(kid)) sizes.set(kid, 1);
        else stack.push({ node: kid });
      }
      continue;
    }
    stack.pop();
    open.delete(top.node);
    let total = isAlias(top.node) ? 0 : 1;
    for (const kid of top.kids) total += sizes.get(kid) ?? 0;
    if (total > maxValues)
      return {
        offset: top.node.range?.[0] ?? 0,
        message: `aliases expand this document past ${maxValues.toLocaleString("en-US")} values; a blueprint is far smaller (raise the limit with --max-values)`,
      };
    sizes.set(top.node, total);
  }
  return undefined;
}

/** The number of nodes of a document without aliases (with the root's offset), or undefined when it has one. */
function countWithoutAliases(doc: Document.Parsed): { count: number; offset: number } | undefined {
  const root = doc.contents as Node | null;
  if (!root) return { count: 0, offset: 0 };
  let count = 0;
  const stack: Node[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    if (isAlias(node)) return undefined;
    count++;
    if (isMap(node))
      for (const pair of node.items) {
        if (pair.key && typeof pair.key === "object" && "range" in (pair.key as object)) stack.push(pair.key as Node);
        if (pair.value && typeof pair.value === "object" && "range" in (pair.value as object)) stack.push(pair.value as Node);
      }
    else if (isSeq(node)) for (const item of node.items) if (item && typeof item === "object" && "range" in (item as object)) stack.push(item as Node);
  }
  return { count, offset: root.range?.[0] ?? 0 };
}
