// A small Bicep lexer for tests (no Bicep compiler is available here): splits a file into code,
// comments and the literal parts of single-quoted strings, following Bicep's rules: `\` escapes
// the next character, `${` inside a string opens an interpolation that is code until its `}`,
// and a single-quoted string can't span lines ('''multi-line''' strings aren't generated).

export interface Segment {
  /** interpolation: code inside a string's `${...}`. */
  readonly kind: "code" | "interpolation" | "string" | "comment";
  readonly text: string;
  readonly line: number;
}

export function lexBicep(source: string): { segments: Segment[]; errors: string[] } {
  const segments: Segment[] = [];
  const errors: string[] = [];
  let line = 1;
  let i = 0;
  // Each open interpolation's brace depth; empty when in plain code.
  const interpolations: number[] = [];
  let depth = 0;
  let code = "";
  const flushCode = () => {
    if (code) segments.push({ kind: interpolations.length ? "interpolation" : "code", text: code, line });
    code = "";
  };
  /** Reads string content from i (just past the opening quote, or past an interpolation's `}`). */
  const readString = () => {
    let text = "";
    const start = line;
    while (i < source.length) {
      const c = source[i];
      if (c === "\n") {
        errors.push(`line ${start}: string literal runs past the end of the line`);
        line++;
      }
      if (c === "\\") {
        const next = source[i + 1];
        if (!"\\'nrt$u".includes(next ?? "")) errors.push(`line ${line}: unknown escape \\${next}`);
        text += c + next;
        i += 2;
        continue;
      }
      if (c === "'") {
        i++;
        segments.push({ kind: "string", text, line: start });
        return;
      }
      if (c === "$" && source[i + 1] === "{") {
        segments.push({ kind: "string", text, line: start });
        text = "";
        i += 2;
        interpolations.push(depth);
        depth++;
        return;
      }
      text += c;
      i++;
    }
    errors.push(`line ${start}: unterminated string`);
  };
  while (i < source.length) {
    const c = source[i];
    if (c === "/" && source[i + 1] === "/") {
      flushCode();
      const end = source.indexOf("\n", i);
      const stop = end < 0 ? source.length : end;
      segments.push({ kind: "comment", text: source.slice(i, stop), line });
      i = stop;
      continue;
    }
    if (c === "'") {
      flushCode();
      i++;
      readString();
      continue;
    }
    if (c === "{") depth++;
    if (c === "}") {
      depth--;
      if (interpolations.length && depth === interpolations[interpolations.length - 1]) {
        interpolations.pop();
        // Back inside the string the interpolation was in.
        segments.push({ kind: "interpolation", text: code, line });
        code = "";
        i++;
        readString();
        continue;
      }
    }
    if (c === "\n") line++;
    code += c;
    i++;
  }
  flushCode();
  if (interpolations.length) errors.push("unclosed interpolation at end of file");
  return { segments, errors };
}
