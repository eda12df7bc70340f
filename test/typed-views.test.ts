// Every read of a resource's ARM properties goes through the typed views of core/props.ts: no
// code reads `resource.properties.<field>` (or `[field]`) on a Resource directly, nor through a
// variable holding `resource.properties`. Found with the TypeScript compiler's type checker, so
// a helper's parameter or a differently named resource can't hide one. Back ends may still pass
// the whole property bag on to be rendered.
import { test } from "node:test";
import assert from "node:assert/strict";
import ts from "typescript";
import { readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? sources(join(dir, d.name)) : d.name.endsWith(".ts") && !d.name.endsWith(".test.ts") ? [join(dir, d.name)] : [],
  );
}

test("no resource property is read outside the typed views", () => {
  const files = sources(join(root, "src"));
  const program = ts.createProgram(files, { strict: true, noEmit: true, allowImportingTsExtensions: true, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022 });
  const checker = program.getTypeChecker();
  const found: string[] = [];
  const isResource = (e: ts.Expression) => {
    const type = checker.getNonNullableType(checker.getTypeAtLocation(e));
    return type.getSymbol()?.getName() === "Resource" || type.aliasSymbol?.getName() === "Resource";
  };
  const resourceProps = (e: ts.Expression): boolean => {
    const inner = ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken ? e.left : e;
    return ts.isPropertyAccessExpression(inner) && inner.name.text === "properties" && isResource(inner.expression);
  };
  const isRead = (node: ts.Expression) => (ts.isPropertyAccessExpression(node.parent) || ts.isElementAccessExpression(node.parent)) && node.parent.expression === node;
  for (const file of program.getSourceFiles()) {
    if (!files.includes(file.fileName) || file.fileName.endsWith("core/props.ts")) continue;
    const aliases = new Set<ts.Symbol>();
    const report = (node: ts.Node) => {
      const { line } = file.getLineAndCharacterOfPosition(node.getStart());
      found.push(`${relative(root, file.fileName)}:${line + 1}: ${node.getText().slice(0, 80)}`);
    };
    const visit = (node: ts.Node): void => {
      if (ts.isVariableDeclaration(node) && node.initializer && ts.isIdentifier(node.name) && resourceProps(node.initializer)) {
        const symbol = checker.getSymbolAtLocation(node.name);
        if (symbol) aliases.add(symbol);
      }
      if (ts.isPropertyAccessExpression(node) && node.name.text === "properties" && isRead(node) && isResource(node.expression)) report(node.parent);
      if (ts.isIdentifier(node) && isRead(node)) {
        const symbol = checker.getSymbolAtLocation(node);
        if (symbol && aliases.has(symbol)) report(node.parent);
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
  }
  assert.deepEqual(found, []);
});
