// Positions in an ARM template or an export: JSON as ARM reads it (comments and
// trailing commas allowed), with a tree that maps a property path to its line and column, so
// findings and SARIF point at the file's own line.
import { jsonOutline, jsonSpans, type JsonSpans } from "./json-spans.ts";
import { findNodeAtLocation, getNodeValue, ParseErrorCode, parseTree, printParseErrorCode, type Node, type ParseError } from "jsonc-parser";
import { lineStarts, positionAt, type Position, type SourceDoc, type SourcePath } from "../../core/source.ts";

export interface JsonSource extends SourceDoc {
  /** The parsed value. */
  readonly value: unknown;
  /** Where an offset of the text is. */
  at(offset: number): Position;
}

export type JsonResult = { readonly ok: true; readonly source: JsonSource } | { readonly ok: false; readonly errors: readonly { message: string; position: Position; limit?: boolean }[] };

/** How deep JSON input may nest (objects and arrays). */
export const MAX_JSON_DEPTH = 256;

export function parseJsonSource(file: string, text: string): JsonResult {
  const starts = lineStarts(text);
  const at = (offset: number): Position => positionAt(file, starts, offset);
  // Deeper than any template or export nests (compiled Bicep modules reach a few dozen levels):
  // refused before a parser recurses into it, located where it goes too deep.
  const outline = jsonOutline(text, MAX_JSON_DEPTH);
  const deep = outline.tooDeep;
  if (deep !== undefined) return { ok: false, errors: [{ message: `nested more than ${MAX_JSON_DEPTH} levels deep; a template or an export nests a few dozen at most`, position: at(deep), limit: true }] };
  // Plain JSON (every export, most templates): the native parser gives the value, and the tree
  // that maps paths to positions is built only when a position is first asked for.
  let plain: { value: unknown } | undefined;
  try {
    plain = { value: JSON.parse(text.replace(/^\uFEFF/, "")) };
  } catch {
    plain = undefined;
  }
  let parsed: { trees: Node[] } | { errors: { message: string; position: Position }[] } | undefined = plain ? undefined : treesOf(text, at);
  if (parsed && "errors" in parsed) return { ok: false, errors: parsed.errors };
  const trees = () => ((parsed ??= treesOf(text, at)) as { trees: Node[] }).trees;
  // Plain JSON is located without a syntax tree (json-spans.ts).
  let spans: JsonSpans | undefined;
  const find = (path: readonly (string | number)[]): Node | undefined => {
    const all = trees();
    if (all.length === 1) return findNodeAtLocation(all[0], [...path]);
    return typeof path[0] === "number" && all[path[0]] ? findNodeAtLocation(all[path[0]], [...path.slice(1)]) : undefined;
  };
  return {
    ok: true,
    source: {
      file,
      value: plain ? plain.value : trees().length === 1 ? getNodeValue(trees()[0]) : trees().map(getNodeValue),
      at,
      locate(path: SourcePath, key?: string): Position {
        if (plain) return at((spans ??= jsonSpans(text, outline)).find(path, key));
        for (let n = path.length; n >= 0; n--) {
          const node: Node | undefined = find(path.slice(0, n));
          if (!node) continue;
          // The key of a property, when asked for, else the value's start.
          if (key !== undefined && n === path.length && node.type === "object") {
            const prop = node.children?.find((c) => c.children?.[0]?.value === key);
            if (prop) return at(prop.offset);
          }
          return at(node.offset);
        }
        return { file, line: 1, col: 1 };
      },
    },
  };
}

/**
 * The text's JSON trees (comments and trailing commas allowed). JSON documents one after another
 * (`az graph query ... >> estate.json`, page after page) are read as a list of them.
 */
function treesOf(text: string, at: (offset: number) => Position): { trees: Node[] } | { errors: { message: string; position: Position }[] } {
  const trees: Node[] = [];
  let rest = 0;
  for (;;) {
    const errors: ParseError[] = [];
    const tree = parseTree(text.slice(rest), errors, { allowTrailingComma: true, disallowComments: false, allowEmptyContent: false });
    if (!tree) return { errors: [{ message: "JSON: the file holds no value", position: at(rest) }] };
    const end = rest + tree.offset + tree.length;
    const more = /\S/.test(text.slice(end));
    const real = errors.filter((e) => !(more && e.error === ParseErrorCode.EndOfFileExpected && rest + e.offset >= end));
    if (real.length) return { errors: real.map((e) => ({ message: `JSON: ${printParseErrorCode(e.error)}`, position: at(rest + e.offset) })) };
    trees.push(shift(tree, rest));
    if (!more) return { trees };
    rest = end;
  }
}

/** A tree parsed from a slice of the text, with offsets into the whole text. */
function shift(node: Node, by: number): Node {
  if (by === 0) return node;
  const moved = { ...node, offset: node.offset + by, ...(node.colonOffset !== undefined ? { colonOffset: node.colonOffset + by } : {}) } as { -readonly [K in keyof Node]: Node[K] };
  if (node.children) moved.children = node.children.map((c) => Object.assign(shift(c, by), { parent: moved }));
  return moved;
}
