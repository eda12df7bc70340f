// Terraform's native syntax as amlnet reads it: a typed AST with offsets, built from the concrete
// syntax tree of tree-sitter-hcl (the parser runs in api/, which hands over its nodes through the
// small CstNode interface below, so this front end imports nothing but core/). The shapes follow
// "HCL Native Syntax Specification": bodies of attributes and blocks, and expressions (literals,
// templates with interpolations and directives, references and traversals, function calls, for
// expressions, splats, conditionals, operators).

/** What amlnet needs of a tree-sitter node. */
export interface CstNode {
  readonly type: string;
  readonly text: string;
  readonly startIndex: number;
  readonly endIndex: number;
  readonly isNamed: boolean;
  readonly isMissing: boolean;
  readonly hasError: boolean;
  readonly children: readonly CstNode[];
  readonly namedChildren: readonly CstNode[];
}

export interface Span {
  /** Offsets into the file's text (UTF-16 units, as JavaScript strings count). */
  readonly start: number;
  readonly end: number;
}

export interface Attribute extends Span {
  readonly kind: "attribute";
  readonly name: string;
  readonly nameSpan: Span;
  readonly value: Expr;
}

export interface Block extends Span {
  readonly kind: "block";
  readonly type: string;
  readonly labels: readonly string[];
  readonly body: Body;
}

export interface Body extends Span {
  readonly items: readonly (Attribute | Block)[];
}

export type Traversal = { readonly kind: "attr"; readonly name: string } | { readonly kind: "index"; readonly key: Expr } | { readonly kind: "splat"; readonly full: boolean };

export type TemplatePart = { readonly kind: "literal"; readonly text: string } | { readonly kind: "interp"; readonly expr: Expr } | { readonly kind: "if"; readonly cond: Expr; readonly then: readonly TemplatePart[]; readonly else: readonly TemplatePart[] } | { readonly kind: "for"; readonly key?: string; readonly value: string; readonly coll: Expr; readonly body: readonly TemplatePart[] };

export type Expr = Span &
  (
    | { readonly kind: "literal"; readonly value: string | number | boolean | null }
    | { readonly kind: "template"; readonly parts: readonly TemplatePart[] }
    | { readonly kind: "variable"; readonly name: string }
    | { readonly kind: "traverse"; readonly base: Expr; readonly steps: readonly Traversal[] }
    | { readonly kind: "call"; readonly name: string; readonly args: readonly Expr[]; readonly expand: boolean }
    | { readonly kind: "tuple"; readonly items: readonly Expr[] }
    | { readonly kind: "object"; readonly items: readonly { readonly key: Expr; readonly value: Expr; readonly bareKey?: string }[] }
    | { readonly kind: "for"; readonly object: boolean; readonly key?: string; readonly value: string; readonly coll: Expr; readonly keyExpr?: Expr; readonly valueExpr: Expr; readonly cond?: Expr; readonly group: boolean }
    | { readonly kind: "conditional"; readonly cond: Expr; readonly then: Expr; readonly else: Expr }
    | { readonly kind: "unary"; readonly op: string; readonly operand: Expr }
    | { readonly kind: "binary"; readonly op: string; readonly left: Expr; readonly right: Expr }
  );

/** A node the converter didn't expect: the parser's error recovery, or a construct of a newer grammar. */
export class SyntaxProblem extends Error {
  constructor(
    message: string,
    readonly at: number,
  ) {
    super(message);
  }
}

const span = (n: CstNode): Span => ({ start: n.startIndex, end: n.endIndex });

/** The first place the parser couldn't read, if any. */
export function firstError(root: CstNode): CstNode | undefined {
  if (!root.hasError) return undefined;
  // Iteratively, depth first: a deep file never blows the stack.
  const stack: CstNode[] = [root];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === "ERROR" || n.isMissing) return n;
    if (!n.hasError) continue;
    for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]);
  }
  return root;
}

export function toBody(config: CstNode): Body {
  const body = config.type === "body" ? config : config.namedChildren.find((c) => c.type === "body");
  if (!body) return { start: config.startIndex, end: config.endIndex, items: [] };
  return { ...span(body), items: body.namedChildren.filter((c) => c.type === "attribute" || c.type === "block").map(item) };
}

function item(n: CstNode): Attribute | Block {
  const named = n.namedChildren.filter((c) => c.type !== "comment");
  if (n.type === "attribute") {
    const id = named[0];
    return { kind: "attribute", ...span(n), name: id.text, nameSpan: span(id), value: expr(named[1]) };
  }
  const type = named[0].text;
  const labels = named.filter((c) => c.type === "string_lit" || (c.type === "identifier" && c !== named[0])).map((c) => (c.type === "string_lit" ? stringLit(c) : c.text));
  const body = named.find((c) => c.type === "body");
  return { kind: "block", ...span(n), type, labels, body: body ? toBody(body) : { start: n.endIndex, end: n.endIndex, items: [] } };
}

function stringLit(n: CstNode): string {
  return n.namedChildren
    .filter((c) => c.type === "template_literal")
    .map((c) => unescape(c.text))
    .join("");
}

/** HCL string escapes: \n \r \t \" \\ \uNNNN \UNNNNNNNN; $${ and %%{ stand for ${ and %{. */
function unescape(s: string): string {
  return s
    .replace(/\\(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[nrt"\\])/g, (_, e: string) => {
      if (e[0] === "u" || e[0] === "U") {
        const cp = parseInt(e.slice(1), 16);
        return cp <= 0x10ffff ? String.fromCodePoint(cp) : "\uFFFD";
      }
      return ({ n: "\n", r: "\r", t: "\t", '"': '"', "\\": "\\" } as Record<string, string>)[e];
    })
    .replace(/\$\$\{/g, "${")
    .replace(/%%\{/g, "%{");
}

export function expr(n: CstNode): Expr {
  switch (n.type) {
    case "expression": {
      const parts = n.namedChildren.filter((c) => c.type !== "comment");
      const [head, ...rest] = parts;
      const base = expr(head);
      if (!rest.length) return base;
      return { kind: "traverse", ...span(n), base, steps: rest.flatMap(steps) };
    }
    case "literal_value":
      return literal(n.namedChildren[0]);
    case "template_expr":
      return { kind: "template", ...span(n), parts: templateParts(n.namedChildren[0]) };
    case "variable_expr":
      return { kind: "variable", ...span(n), name: n.namedChildren[0].text };
    case "function_call": {
      const args = n.namedChildren.find((c) => c.type === "function_arguments");
      const list = args ? args.namedChildren.filter((c) => c.type === "expression") : [];
      return { kind: "call", ...span(n), name: n.namedChildren[0].text, args: list.map(expr), expand: !!args?.namedChildren.some((c) => c.type === "ellipsis") };
    }
    case "collection_value":
      return expr(n.namedChildren[0]);
    case "tuple":
      return { kind: "tuple", ...span(n), items: n.namedChildren.filter((c) => c.type === "expression").map(expr) };
    case "object":
      return {
        kind: "object",
        ...span(n),
        items: n.namedChildren
          .filter((c) => c.type === "object_elem")
          .map((e) => {
            const [k, v] = e.namedChildren.filter((c) => c.type === "expression");
            const key = expr(k);
            // A bare identifier as a key is that name, not a variable (HCL: `{ name = 1 }`).
            const bareKey = key.kind === "variable" ? key.name : undefined;
            return { key, value: expr(v), ...(bareKey !== undefined ? { bareKey } : {}) };
          }),
      };
    case "for_expr":
      return forExpr(n.namedChildren[0]);
    case "conditional": {
      // HCL's conditional is right-associative (a ? b : c ? d : e is a ? b : (c ? d : e)); the
      // grammar nests an unparenthesized chain on the left: read its parts in source order and
      // build it back right-associatively.
      const parts = conditionalChain(n);
      const build = (i: number): Expr => (i === parts.length - 1 ? expr(parts[i]) : { kind: "conditional", start: parts[i].startIndex, end: n.endIndex, cond: expr(parts[i]), then: expr(parts[i + 1]), else: build(i + 2) });
      return { ...build(0), start: n.startIndex };
    }
    case "operation":
      return expr(n.namedChildren[0]);
    case "unary_operation": {
      const op = n.children.find((c) => !c.isNamed)?.text ?? "!";
      return { kind: "unary", ...span(n), op, operand: operands(n)[0] };
    }
    case "binary_operation": {
      const [left, right] = operands(n);
      const op = n.children.find((c) => !c.isNamed && c.startIndex >= left.end && c.endIndex <= right.start)?.text ?? "?";
      return { kind: "binary", ...span(n), op, left, right };
    }
    case "heredoc_template":
    case "quoted_template":
      return { kind: "template", ...span(n), parts: templateParts(n) };
    default:
      throw new SyntaxProblem(`unexpected ${n.type.replace(/_/g, " ")}`, n.startIndex);
  }
}

/** The condition, result, condition, result, ..., last result of a left-nested chain of conditionals. */
function conditionalChain(n: CstNode): CstNode[] {
  const [c, t, e] = n.namedChildren.filter((x) => x.type === "expression");
  const nested = c.namedChildren.length === 1 && c.namedChildren[0].type === "conditional" && !c.children.some((x) => x.type === "(");
  return [...(nested ? conditionalChain(c.namedChildren[0]) : [c]), t, e];
}

const STEPS: ReadonlySet<string> = new Set(["get_attr", "index", "splat"]);

/**
 * An operation's operands: the grammar writes a traversal inside an operation as its base followed
 * by its steps (`var.x == null` is variable_expr, get_attr, literal_value), so steps join the
 * operand before them.
 */
function operands(n: CstNode): Expr[] {
  const out: { head: CstNode; steps: CstNode[] }[] = [];
  for (const c of n.namedChildren) {
    if (c.type === "comment") continue;
    if (STEPS.has(c.type) && out.length) out[out.length - 1].steps.push(c);
    else out.push({ head: c, steps: [] });
  }
  return out.map(({ head, steps: s }) => {
    const base = expr(head);
    if (!s.length) return base;
    return { kind: "traverse", start: head.startIndex, end: s[s.length - 1].endIndex, base, steps: s.flatMap(steps) };
  });
}

function literal(n: CstNode): Expr {
  switch (n.type) {
    case "numeric_lit":
      return { kind: "literal", ...span(n), value: Number(n.text) };
    case "bool_lit":
      return { kind: "literal", ...span(n), value: n.text === "true" };
    case "null_lit":
      return { kind: "literal", ...span(n), value: null };
    case "string_lit":
      return { kind: "literal", ...span(n), value: stringLit(n) };
    default:
      throw new SyntaxProblem(`unexpected ${n.type.replace(/_/g, " ")}`, n.startIndex);
  }
}

function steps(n: CstNode): Traversal[] {
  switch (n.type) {
    case "get_attr":
      return [{ kind: "attr", name: n.namedChildren[0].text }];
    case "index": {
      const i = n.namedChildren[0];
      if (i.type === "new_index") return [{ kind: "index", key: expr(i.namedChildren[0]) }];
      // Legacy `.0` index.
      const digits = i.text.replace(/^\./, "");
      return [{ kind: "index", key: { kind: "literal", ...span(i), value: Number(digits) } }];
    }
    case "splat": {
      const s = n.namedChildren[0];
      return [{ kind: "splat", full: s.type === "full_splat" }, ...s.namedChildren.flatMap(steps)];
    }
    default:
      throw new SyntaxProblem(`unexpected ${n.type.replace(/_/g, " ")}`, n.startIndex);
  }
}

function forExpr(n: CstNode): Expr {
  const intro = n.namedChildren.find((c) => c.type === "for_intro")!;
  const ids = intro.namedChildren.filter((c) => c.type === "identifier").map((c) => c.text);
  const coll = expr(intro.namedChildren.find((c) => c.type === "expression")!);
  const [key, value] = ids.length > 1 ? [ids[0], ids[1]] : [undefined, ids[0]];
  const cond = n.namedChildren.find((c) => c.type === "for_cond");
  const bodies = n.namedChildren.filter((c) => c.type === "expression");
  const object = n.type === "for_object_expr";
  return {
    kind: "for",
    start: n.startIndex,
    end: n.endIndex,
    object,
    ...(key !== undefined ? { key } : {}),
    value,
    coll,
    ...(object ? { keyExpr: expr(bodies[0]) } : {}),
    valueExpr: expr(bodies[object ? 1 : 0]),
    ...(cond ? { cond: expr(cond.namedChildren[0]) } : {}),
    group: n.namedChildren.some((c) => c.type === "ellipsis"),
  };
}

function templateParts(n: CstNode): TemplatePart[] {
  const out: TemplatePart[] = [];
  for (const c of n.namedChildren) {
    if (c.type === "template_literal") out.push({ kind: "literal", text: n.type === "heredoc_template" ? c.text.replace(/\$\$\{/g, "${").replace(/%%\{/g, "%{") : unescape(c.text) });
    else if (c.type === "template_interpolation") out.push({ kind: "interp", expr: expr(c.namedChildren.find((x) => x.type === "expression")!) });
    else if (c.type === "template_directive") out.push(directive(c.namedChildren[0]));
  }
  // A heredoc's text runs from after its opening line to its closing marker; <<- strips the
  // common leading whitespace ("HCL Native Syntax Specification", Template Expressions).
  if (n.type === "heredoc_template") return heredoc(n, out);
  return out;
}

function heredoc(n: CstNode, parts: TemplatePart[]): TemplatePart[] {
  const flush = n.namedChildren.find((c) => c.type === "heredoc_start")?.text.startsWith("<<-");
  if (!flush) return parts;
  // Lines start at the template's start and after each newline of its literal text; a line whose
  // start is followed by nothing but whitespace in its part is blank and doesn't count.
  const starts = (p: { text: string }, i: number): number[] => [...(i === 0 ? [0] : []), ...[...p.text.matchAll(/\n/g)].map((m) => m.index! + 1)];
  let cut = Infinity;
  parts.forEach((p, i) => {
    if (p.kind !== "literal") return;
    for (const at of starts(p, i)) {
      const line = p.text.slice(at).split("\n")[0];
      const indent = /^[ \t]*/.exec(line)![0].length;
      if (indent < line.length || (i + 1 < parts.length && at + line.length === p.text.length)) cut = Math.min(cut, indent);
    }
  });
  if (!Number.isFinite(cut) || cut === 0) return parts;
  return parts.map((p, i) => {
    if (p.kind !== "literal") return p;
    let text = p.text;
    for (const at of starts(p, i).reverse()) text = text.slice(0, at) + text.slice(at).replace(new RegExp(`^[ \\t]{0,${cut}}`), "");
    return { kind: "literal", text };
  });
}

function directive(n: CstNode): TemplatePart {
  if (n.type === "template_if") {
    const intro = n.namedChildren.find((c) => c.type === "template_if_intro")!;
    const elseAt = n.namedChildren.find((c) => c.type === "template_else_intro")?.startIndex ?? Infinity;
    const inner = n.namedChildren.filter((c) => c.type === "template_literal" || c.type === "template_interpolation" || c.type === "template_directive");
    const sub = (list: CstNode[]) => templateParts({ ...n, type: "quoted_template", namedChildren: list } as CstNode);
    return { kind: "if", cond: expr(intro.namedChildren.find((c) => c.type === "expression")!), then: sub(inner.filter((c) => c.startIndex < elseAt)), else: sub(inner.filter((c) => c.startIndex > elseAt)) };
  }
  const start = n.namedChildren.find((c) => c.type === "template_for_start")!;
  const ids = start.namedChildren.filter((c) => c.type === "identifier").map((c) => c.text);
  const [key, value] = ids.length > 1 ? [ids[0], ids[1]] : [undefined, ids[0]];
  const inner = n.namedChildren.filter((c) => c.type === "template_literal" || c.type === "template_interpolation" || c.type === "template_directive");
  return { kind: "for", ...(key !== undefined ? { key } : {}), value, coll: expr(start.namedChildren.find((c) => c.type === "expression")!), body: templateParts({ ...n, type: "quoted_template", namedChildren: inner } as CstNode) };
}
