// Positions in a YAML source: every diagnostic about a blueprint points at file:line:col.
import { isMap, isScalar, LineCounter, parseDocument, type Document } from "yaml";
import type { SourcePath } from "../../core/types.ts";

export interface Position {
  readonly file: string;
  readonly line: number;
  readonly col: number;
}

export interface SourceDoc {
  readonly file: string;
  readonly doc: Document.Parsed;
  /** The position of the node at `path`, or of its nearest existing ancestor; with `key`, of that map key. */
  locate(path: SourcePath, key?: string): Position;
}

export function parseYaml(file: string, text: string): SourceDoc {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number): Position => {
    const { line, col } = lines.linePos(offset);
    return { file, line, col };
  };
  return {
    file,
    doc,
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

export function formatPosition(p: Position): string {
  return `${p.file}:${p.line}:${p.col}`;
}
