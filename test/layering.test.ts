// The pipeline's layering (.dependency-cruiser.cjs): no cycles, each folder imports only from the
// folders below it, front ends only from core, cli only from api, no Node built-ins below api.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, mkdirSync, writeFileSync, cpSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const depcruise = join(root, "node_modules/.bin/depcruise");

function cruise(cwd: string) {
  const r = spawnSync(depcruise, ["src", "--config", join(root, ".dependency-cruiser.cjs"), "--output-type", "err"], { cwd, encoding: "utf8" });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

test("every import points down the pipeline", () => {
  const r = cruise(root);
  assert.equal(r.code, 0, r.out);
  assert.match(r.out, /no dependency violations found \((\d{3,}) modules/);
});

test("the layering rules catch an import up the pipeline, a cycle and a Node built-in in the engine", () => {
  const dir = mkdtempSync(join(tmpdir(), "amlnet-layers-"));
  for (const d of ["core", "engine", "frontends/blueprint", "cli", "api"]) mkdirSync(join(dir, "src", d), { recursive: true });
  const write = (f: string, text: string) => writeFileSync(join(dir, "src", f), text);
  write("core/a.ts", 'import { b } from "../engine/b.ts";\nexport const a = b;\n');
  write("engine/b.ts", 'import { readFileSync } from "node:fs";\nexport const b = String(readFileSync);\n');
  write("engine/c.ts", 'import { d } from "./d.ts";\nexport const c = 1 + d;\n');
  write("engine/d.ts", 'import { c } from "./c.ts";\nexport const d = c;\n');
  write("cli/main.ts", 'import { b } from "../engine/b.ts";\nexport const m = b;\n');
  write("api/index.ts", 'export const api = 1;\n');
  cpSync(join(root, "tsconfig.json"), join(dir, "tsconfig.json"));
  const r = cruise(dir);
  assert.notEqual(r.code, 0);
  for (const rule of ["core-imports-only-below", "no-circular", "no-node-builtins-below-api", "cli-imports-only-below"]) assert.match(r.out, new RegExp(`error ${rule}`), r.out);
});
