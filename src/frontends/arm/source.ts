// Positions in an ARM template (issue 13): JSON as ARM reads it (comments and trailing commas
// allowed), parsed once into a tree that maps a property path to its line and column, so
// findings and SARIF point at the template's own line.
import { findNodeAtLocation, getNodeValue, parseTree, printParseErrorCode, type Node, type ParseError } from "jsonc-parser";
import type { Position, SourceDoc, SourcePath } from "../../core/source.ts";

export interface JsonSource extends SourceDoc {
  /** The parsed value. */
  readonly value: unknown;
  /** Where an offset of the text is. */
  at(offset: number): Position;
}

export type JsonResult = { readonly ok: true; readonly source: JsonSource } | { readonly ok: false; readonly errors: readonly { message: string; position: Position }[] };

export function parseJsonSource(file: string, text: string): JsonResult {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === "\n") starts.push(i + 1);
  const at = (offset: number): Position => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { file, line: lo + 1, col: offset - starts[lo] + 1 };
  };
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false, allowEmptyContent: false });
  if (!tree) return { ok: false, errors: [{ message: "JSON: the file holds no value", position: at(0) }] };
  if (errors.length) return { ok: false, errors: errors.map((e) => ({ message: `JSON: ${printParseErrorCode(e.error)}`, position: at(e.offset) })) };
  return {
    ok: true,
    source: {
      file,
      value: getNodeValue(tree),
      at,
      locate(path: SourcePath, key?: string): Position {
        for (let n = path.length; n >= 0; n--) {
          const node: Node | undefined = findNodeAtLocation(tree, [...path.slice(0, n)]);
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
