// Positions in a YAML source: every diagnostic about a blueprint points at file:line:col.
// Parsing is bounded before the YAML library sees the text (input size, nesting depth) and after
// (the size aliases expand to), so a hostile file fails in well under a second with a message.
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, YAMLParseError, type Alias, type Document, type Node, type Scalar } from "yaml";
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

/** Where an alias sits (a pair's key or value, a list's item), and the node it names. */
interface AliasSlot {
  readonly holder: Record<string | number, unknown>;
  readonly at: string | number;
  readonly alias: Alias;
  /** The last node before it with its anchor, or undefined when there is none. */
  readonly target: Node | undefined;
}

/**
 * The document's aliases with the nodes they name, and how many nodes it holds, in one walk. An
 * alias names the last node with its anchor before it, in the order the library visits nodes (a
 * node before its children, a key before its value): anchors are noted as the walk meets them.
 * The library's own `resolve` walks the document again for each alias (35,000 aliases in a
 * 250 KB file took minutes). Without recursion: a document may nest as deep as the depth limit
 * allows.
 */
function aliasSlots(doc: Document.Parsed): { readonly slots: readonly AliasSlot[]; readonly nodes: number } {
  const anchors = new Map<string, Node>();
  const slots: AliasSlot[] = [];
  let nodes = 0;
  // Holder and key pushed one after the other, not as a pair: a document has a million nodes.
  const stack: (Record<string | number, unknown> | string | number)[] = [doc as unknown as Record<string, unknown>, "contents"];
  while (stack.length) {
    const at = stack.pop() as string | number;
    const holder = stack.pop() as Record<string | number, unknown>;
    const node = holder[at];
    if (isAlias(node)) {
      slots.push({ holder, at, alias: node, target: anchors.get(node.source) });
      continue;
    }
    if (!isScalar(node) && !isMap(node) && !isSeq(node)) continue;
    nodes++;
    if (node.anchor) anchors.set(node.anchor, node);
    // Pushed last to first: the first key, item or pair comes off the stack first.
    if (isMap(node))
      for (let i = node.items.length - 1; i >= 0; i--) {
        const pair = node.items[i] as unknown as Record<string, unknown>;
        stack.push(pair, "value", pair, "key");
      }
    else if (isSeq(node))
      for (let i = node.items.length - 1; i >= 0; i--) {
        const item = node.items[i];
        if (isPair(item)) stack.push(item as unknown as Record<string, unknown>, "value", item as unknown as Record<string, unknown>, "key");
        else stack.push(node.items as unknown as Record<number, unknown>, i);
      }
  }
  return { slots, nodes };
}

/**
 * Checks aliases before the document becomes data: each must name an anchor, and the values they
 * expand to (an anchored list repeated by a hundred aliases) must stay under `maxValues`.
 */
function checkAliases(doc: Document.Parsed, { slots, nodes }: ReturnType<typeof aliasSlots>, maxValues: number): WalkProblem | undefined {
  const root = doc.contents as Node | null;
  const over = (offset: number): WalkProblem => ({
    offset,
    message: `aliases expand this document past ${maxValues.toLocaleString("en-US")} values; a blueprint is far smaller (raise the limit with --max-values)`,
  });
  // Most documents have no alias: their values are their nodes.
  if (!slots.length) return nodes > maxValues ? over(root?.range?.[0] ?? 0) : undefined;
  const targets = new Map<Alias, Node | undefined>();
  for (const slot of slots) {
    if (!slot.target) return { offset: slot.alias.range?.[0] ?? 0, message: `alias *${slot.alias.source} names no anchor (&${slot.alias.source}) before it` };
    targets.set(slot.alias, slot.target);
  }
  // A node's children; for an alias, the node it names.
  const children = (node: Node): Node[] => {
    if (isAlias(node)) return [targets.get(node)!];
    if (isMap(node) || isSeq(node))
      return node.items.flatMap((item) => (isPair(item) ? [item.key, item.value] : [item])).filter((n): n is Node => !!n && typeof n === "object" && "range" in n);
    return [];
  };
  // Sizes, computed post-order without recursion (each node once: an alias reuses its target's).
  const sizes = new Map<Node, number>();
  const open = new Set<Node>();
  // Each node's children are listed once, when it is first opened, and kept for its total.
  const stack: { node: Node; kids?: Node[] }[] = root ? [{ node: root }] : [];
  while (stack.length) {
    const top = stack[stack.length - 1];
    if (sizes.has(top.node)) {
      stack.pop();
      continue;
    }
    if (!top.kids) {
      const kids = children(top.node);
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
    if (total > maxValues) return over(top.node.range?.[0] ?? 0);
    sizes.set(top.node, total);
  }
  return undefined;
}

/**
 * The document as data, once its aliases are checked (a problem with them is returned instead).
 * Each alias stands in for the node it names while the library converts the document (and is put
 * back after, so positions still find it): the library would otherwise look each alias up in a
 * list of every alias and anchor before it. An aliased value is converted where each alias is;
 * the check bounds what that adds up to. The library's own errors are thrown, as it throws them.
 */
export function documentData(doc: Document.Parsed, maxValues: number): { readonly value: unknown } | { readonly problem: WalkProblem } {
  const walked = aliasSlots(doc);
  const problem = checkAliases(doc, walked, maxValues);
  if (problem) return { problem };
  const { slots } = walked;
  for (const s of slots) s.holder[s.at] = s.target;
  try {
    return { value: doc.toJS({ maxAliasCount: -1 }) };
  } finally {
    for (const s of slots) s.holder[s.at] = s.alias;
  }
}
