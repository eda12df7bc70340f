// A small HCL writer for generated Terraform: blocks with labels, attributes aligned the way
// `terraform fmt` aligns them, object and list values, and expressions written as is.

/** An HCL expression written verbatim (a reference, a function call, a template). */
export class Expr {
  constructor(readonly text: string) {}
}

/** A nested block inside a body, e.g. `identity { ... }`. */
export class Nested {
  constructor(readonly body: Body) {}
}

export type Value = string | number | boolean | Expr | readonly Value[] | { readonly [k: string]: Value | undefined };

/** Ordered entries of a block body; `undefined` values are left out. */
export type Body = readonly (readonly [string, Value | Nested | undefined])[];

export interface Block {
  readonly kind: "resource" | "data" | "variable" | "output" | "terraform" | "provider";
  readonly labels: readonly string[];
  readonly body: Body;
  /** A comment line written above the block. */
  readonly comment?: string;
}

/**
 * An HCL string literal: `${` and `%{` are escaped so nothing is interpolated by accident, and
 * every control character (a carriage return would split the literal) is an escape.
 */
export function str(s: string): string {
  const body = s.replace(/[\\"\u0000-\u001f\u007f\u2028\u2029]|\$\{|%\{/g, (c) => {
    switch (c) {
      case "\\":
        return "\\\\";
      case '"':
        return '\\"';
      case "\n":
        return "\\n";
      case "\r":
        return "\\r";
      case "\t":
        return "\\t";
      case "${":
        return "$${";
      case "%{":
        return "%%{";
      default:
        return `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;
    }
  });
  return `"${body}"`;
}

/** A template string: literal parts escaped, `${...}` parts kept. */
export function template(parts: readonly (string | Expr)[]): Expr {
  const inner = parts.map((p) => (p instanceof Expr ? `\${${p.text}}` : str(p).slice(1, -1))).join("");
  return new Expr(`"${inner}"`);
}

export function renderBlocks(blocks: readonly Block[]): string {
  return blocks.map(renderBlock).join("\n\n") + "\n";
}

function renderBlock(b: Block): string {
  const head = [b.kind, ...b.labels.map(str)].join(" ");
  const comment = b.comment ? `# ${b.comment}\n` : "";
  return `${comment}${head} ${renderBody(b.body, 0)}`;
}

function renderBody(body: Body, depth: number): string {
  const entries = body.filter(([, v]) => v !== undefined) as [string, Value | Nested][];
  if (!entries.length) return "{}";
  const pad = "  ".repeat(depth + 1);
  const lines: string[] = [];
  // Consecutive attributes form a group whose `=` signs line up; a nested block ends a group.
  let group: [string, string][] = [];
  const flush = () => {
    const width = Math.max(0, ...group.map(([k]) => k.length));
    for (const [k, v] of group) lines.push(`${pad}${k.padEnd(width)} = ${v}`);
    group = [];
  };
  let afterBlock = false;
  for (const [name, value] of entries) {
    if (value instanceof Nested) {
      flush();
      if (lines.length) lines.push("");
      lines.push(`${pad}${name} ${renderBody(value.body, depth + 1)}`);
      afterBlock = true;
      continue;
    }
    if (afterBlock) lines.push("");
    afterBlock = false;
    const rendered = renderValue(value, depth + 1);
    // A multi-line value stands outside the groups around it: fmt aligns only the single-line
    // attributes before it and after it, each run on its own, and pads it not at all.
    if (rendered.includes("\n")) {
      flush();
      lines.push(`${pad}${name} = ${rendered}`);
    } else group.push([name, rendered]);
  }
  flush();
  return `{\n${lines.join("\n")}\n${"  ".repeat(depth)}}`;
}

function renderValue(value: Value, depth: number): string {
  if (value instanceof Expr) return value.text;
  if (typeof value === "string") return str(value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  const pad = "  ".repeat(depth + 1);
  const end = "  ".repeat(depth);
  if (Array.isArray(value)) {
    if (!value.length) return "[]";
    const items = value.map((v) => renderValue(v, depth + 1));
    const oneLine = `[${items.join(", ")}]`;
    if (!oneLine.includes("\n") && oneLine.length <= 100) return oneLine;
    return `[\n${items.map((i) => `${pad}${i},`).join("\n")}\n${end}]`;
  }
  const entries = Object.entries(value as Record<string, Value | undefined>).filter(([, v]) => v !== undefined) as [string, Value][];
  if (!entries.length) return "{}";
  const keys = entries.map(([k]) => (/^[A-Za-z_][A-Za-z0-9_]*$/.test(k) ? k : str(k)));
  const rendered = entries.map(([, v]) => renderValue(v, depth + 1));
  const lines: string[] = [];
  let start = 0;
  // Align `=` over runs of single-line values, as fmt does; a multi-line value ends a run and is
  // not padded itself.
  for (let i = 0; i <= entries.length; i++) {
    if (i === entries.length || rendered[i].includes("\n")) {
      const width = Math.max(0, ...keys.slice(start, i).map((k) => k.length));
      for (let j = start; j < i; j++) lines.push(`${pad}${keys[j].padEnd(width)} = ${rendered[j]}`);
      if (i < entries.length) lines.push(`${pad}${keys[i]} = ${rendered[i]}`);
      start = i + 1;
    }
  }
  return `{\n${lines.join("\n")}\n${end}}`;
}
