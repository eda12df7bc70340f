// No state outlives an analysis: outside the browser page (src/web/client), no module holds a
// top-level `let`/`var`, and no top-level `const` holds a mutable Map, Set, WeakMap, array or
// object. Caches belong to the analysis of one model (core/analysis.ts) or to one run of a front
// end, so no answer depends on what was asked before, or about which model. A constant table is
// declared read-only (`as const`, `Object.freeze`, or a Readonly/ReadonlyMap/ReadonlySet type).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

const root = fileURLToPath(new URL("../", import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return relative(root, path) === join("src", "web", "client") ? [] : sources(path);
    return e.name.endsWith(".ts") && !e.name.endsWith(".test.ts") ? [path] : [];
  });
}

const READONLY_TYPE = /^(readonly |Readonly<|ReadonlyMap<|ReadonlySet<|ReadonlyArray<)/;
const MUTABLE_CLASS = /^(Map|Set|WeakMap|WeakSet|Array)$/;

/** Type aliases of a file that are read-only (`type X = Readonly<...>`), by name. */
function readonlyAliases(sf: ts.SourceFile): Set<string> {
  return new Set(sf.statements.filter(ts.isTypeAliasDeclaration).filter((a) => READONLY_TYPE.test(a.type.getText())).map((a) => a.name.text));
}

/** Why a top-level declaration holds mutable state, or undefined when it doesn't. */
function mutable(list: ts.VariableDeclarationList, d: ts.VariableDeclaration, aliases: ReadonlySet<string> = new Set()): string | undefined {
  if (!(list.flags & ts.NodeFlags.Const)) return "a top-level let/var";
  let e = d.initializer;
  if (!e) return undefined;
  const type = d.type?.getText() ?? "";
  let readonly = READONLY_TYPE.test(type) || aliases.has(type);
  for (;;) {
    if (ts.isAsExpression(e) && e.type.getText() === "const") readonly = true;
    if (ts.isAsExpression(e) || ts.isSatisfiesExpression(e) || ts.isParenthesizedExpression(e)) e = e.expression;
    else break;
  }
  if (ts.isCallExpression(e) && e.expression.getText() === "Object.freeze") return undefined;
  if (ts.isNewExpression(e) && MUTABLE_CLASS.test(e.expression.getText())) {
    if (/^Weak/.test(e.expression.getText())) return `a module-level ${e.expression.getText()} (a cache belongs to an analysis)`;
    return readonly ? undefined : `a mutable ${e.expression.getText()} (type it ReadonlyMap/ReadonlySet if it is a constant table)`;
  }
  if ((ts.isArrayLiteralExpression(e) || ts.isObjectLiteralExpression(e)) && !readonly) return "a mutable literal (as const, Object.freeze or a Readonly type)";
  return undefined;
}

test("no module keeps mutable state at top level (outside the browser page)", () => {
  const found: string[] = [];
  for (const file of sources(join(root, "src"))) {
    const sf = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
    const aliases = readonlyAliases(sf);
    for (const st of sf.statements) {
      if (!ts.isVariableStatement(st)) continue;
      for (const d of st.declarationList.declarations) {
        const why = mutable(st.declarationList, d, aliases);
        if (why) found.push(`${relative(root, file)}:${sf.getLineAndCharacterOfPosition(d.getStart()).line + 1} ${d.name.getText()}: ${why}`);
      }
    }
  }
  assert.deepEqual(found, []);
});

test("the scan sees what it forbids", () => {
  const scan = (text: string) => {
    const sf = ts.createSourceFile("x.ts", text, ts.ScriptTarget.Latest, true);
    return sf.statements.filter(ts.isVariableStatement).flatMap((st) => st.declarationList.declarations.map((d) => mutable(st.declarationList, d, readonlyAliases(sf))));
  };
  assert.deepEqual(
    scan("let a = 1; const b = new Map(); const c = new WeakMap(); const d = [1]; const e = {x: 1}; const f: Record<string, number> = {};").map((x) => x?.split(" ")[1]),
    ["top-level", "mutable", "module-level", "mutable", "mutable", "mutable"],
  );
  assert.deepEqual(scan("const a = 1; const b: ReadonlyMap<string, number> = new Map(); const c = [1] as const; const d = Object.freeze({x: 1}); const e: Readonly<Record<string, number>> = {}; const f = g(); type R = Readonly<Record<string, number>>; const h: R = {};"), [
    undefined,
    undefined,
    undefined,
    undefined,
    undefined,
    undefined,
    undefined,
  ]);
});
