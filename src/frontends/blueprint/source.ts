// Positions in a YAML source: every diagnostic about a blueprint points at file:line:col.
import { isMap, isScalar, LineCounter, parseDocument, type Document } from "yaml";
import type { Position, SourceDoc } from "../../core/source.ts";

export interface YamlSource extends SourceDoc {
  readonly doc: Document.Parsed;
}

export function parseYaml(file: string, text: string): YamlSource {
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
