// ARM template expressions: a string value that starts with `[` and ends
// with `]` is an expression; `[[` at the start escapes a literal `[`. This module tokenizes and
// parses one into a syntax tree with offsets into the string, so a finding about a computed value
// can point at the expression. Evaluation comes separately.
//
// Grammar ("Syntax and expressions in ARM templates"):
//   expression := primary ( '.' name | '[' expression ']' )*
//   primary    := call | string | number
//   call       := name ( '.' name )? '(' ( expression ( ',' expression )* )? ')'   (user functions: ns.name)
//   string     := "'" ( any char but "'" | "''" )* "'"
//   number     := '-'? digits

export type Expr =
  | { readonly kind: "string"; readonly value: string; readonly at: number }
  | { readonly kind: "number"; readonly value: number; readonly at: number }
  | { readonly kind: "call"; readonly name: string; readonly args: readonly Expr[]; readonly at: number }
  | { readonly kind: "property"; readonly object: Expr; readonly name: string; readonly at: number }
  | { readonly kind: "index"; readonly object: Expr; readonly index: Expr; readonly at: number };

/** What a template string is: a literal (with `[[` unescaped) or a parsed expression. */
export type TemplateString =
  | { readonly kind: "literal"; readonly value: string }
  | { readonly kind: "expression"; readonly expr: Expr }
  | { readonly kind: "error"; readonly message: string; readonly at: number };

export function parseTemplateString(text: string): TemplateString {
  if (text.startsWith("[[")) return { kind: "literal", value: text.slice(1) };
  if (!(text.startsWith("[") && text.endsWith("]"))) return { kind: "literal", value: text };
  const parser = new Parser(text, 1, text.length - 1);
  try {
    const expr = parser.expression();
    parser.skipSpace();
    if (!parser.atEnd()) parser.fail(`unexpected '${text[parser.pos]}' after the expression`);
    return { kind: "expression", expr };
  } catch (e) {
    if (e instanceof SyntaxProblem) return { kind: "error", message: e.message, at: e.at };
    throw e;
  }
}

class SyntaxProblem extends Error {
  constructor(
    message: string,
    readonly at: number,
  ) {
    super(message);
  }
}

// Deep nesting is no template (they nest a few calls); the parser stops before the stack does.
const MAX_DEPTH = 200;

class Parser {
  pos: number;
  private depth = 0;

  constructor(
    private readonly text: string,
    start: number,
    private readonly end: number,
  ) {
    this.pos = start;
  }

  atEnd(): boolean {
    return this.pos >= this.end;
  }

  fail(message: string): never {
    throw new SyntaxProblem(message, this.pos);
  }

  skipSpace(): void {
    while (!this.atEnd() && /\s/.test(this.text[this.pos])) this.pos++;
  }

  private peek(): string | undefined {
    this.skipSpace();
    return this.atEnd() ? undefined : this.text[this.pos];
  }

  private expect(c: string): void {
    if (this.peek() !== c) this.fail(this.atEnd() ? `expected '${c}' before the end` : `expected '${c}', found '${this.text[this.pos]}'`);
    this.pos++;
  }

  expression(): Expr {
    if (++this.depth > MAX_DEPTH) this.fail(`nested more than ${MAX_DEPTH} levels`);
    let expr = this.primary();
    for (;;) {
      const c = this.peek();
      if (c === ".") {
        const at = this.pos++;
        expr = { kind: "property", object: expr, name: this.name(), at };
      } else if (c === "[") {
        const at = this.pos++;
        const index = this.expression();
        this.expect("]");
        expr = { kind: "index", object: expr, index, at };
      } else break;
    }
    this.depth--;
    return expr;
  }

  private primary(): Expr {
    const c = this.peek();
    const at = this.pos;
    if (c === undefined) this.fail("expected an expression before the end");
    if (c === "'") return { kind: "string", value: this.string(), at };
    if (c === "-" || /\d/.test(c)) return { kind: "number", value: this.number(), at };
    if (/[A-Za-z_]/.test(c)) {
      let name = this.name();
      // A user-defined function: namespace.name(...).
      if (this.peek() === "." && /[A-Za-z_]/.test(this.text[this.pos + 1] ?? "")) {
        const save = this.pos;
        this.pos++;
        const member = this.name();
        if (this.peek() === "(") name = `${name}.${member}`;
        else this.pos = save;
      }
      this.expect("(");
      const args: Expr[] = [];
      if (this.peek() !== ")") {
        args.push(this.expression());
        while (this.peek() === ",") {
          this.pos++;
          args.push(this.expression());
        }
      }
      this.expect(")");
      return { kind: "call", name, args, at };
    }
    this.fail(`unexpected '${c}'`);
  }

  private name(): string {
    this.skipSpace();
    const m = /^[A-Za-z_$][A-Za-z0-9_$]*/.exec(this.text.slice(this.pos, this.end));
    if (!m) this.fail("expected a name");
    this.pos += m[0].length;
    return m[0];
  }

  private string(): string {
    this.pos++; // the opening quote
    let value = "";
    for (;;) {
      if (this.atEnd()) this.fail("a string literal is not closed");
      const c = this.text[this.pos++];
      if (c !== "'") value += c;
      else if (this.text[this.pos] === "'" && this.pos < this.end) {
        value += "'";
        this.pos++;
      } else return value;
    }
  }

  private number(): number {
    const m = /^-?\d+/.exec(this.text.slice(this.pos, this.end));
    if (!m) this.fail("expected a number");
    this.pos += m[0].length;
    return Number(m[0]);
  }
}
