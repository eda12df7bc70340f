// npm's prepack step (run by npm pack, npm publish and npm install from git), npm start's and npm
// test's first step: bundles the CLI and the library into dist/ with esbuild, so the installed
// package runs plain JavaScript (no tsx at run time), and writes the library's type declarations
// with tsc. `--no-types` bundles only (the tests run the bundles; the type check is npm test's own
// `tsc -b`); `--if-needed` does nothing when dist/ is newer than every source. It is no install
// script: installing the package runs nothing.
import { build } from "esbuild";
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
if (process.argv.includes("--if-needed") && upToDate()) process.exit(0);
rmSync(new URL("../dist", import.meta.url), { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: { index: "src/api/index.ts", web: "src/web/main.ts", "web-open": "src/web/open-worker.ts" },
  outdir: "dist",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  // ESM builds first: jsonc-parser's UMD main loads its parts with a require() esbuild can't follow.
  mainFields: ["module", "main"],
  // yaml's Node build is CommonJS, kept whole and run through a require shim at every start; its
  // ESM build (the same code, warnings to console.warn instead of process.emitWarning) is
  // tree-shaken like the rest.
  alias: { yaml: "./node_modules/yaml/browser/index.js" },
  // Dependencies are bundled too: one file loads much faster than the hundreds of modules zod and
  // yaml are made of (start-up is a target: --version <= 2x and check <= 3x `node -e 0`).
  chunkNames: "chunks/[name]-[hash]",
  // CommonJS dependencies (yaml's Node build) call require() for built-ins.
  banner: { js: 'import { createRequire as __amlnetRequire } from "node:module"; const require = __amlnetRequire(import.meta.url);' },
  legalComments: "none",
  // Half the source to compile at each start; stack traces never reach users anyway.
  minify: true,
  logLevel: "warning",
});
// The command line as one CommonJS script, which bin/load-cli.js compiles with V8's code cache
// (an ES module can't take one in Node 20). The same sources and options as above; the diagram
// layout (elkjs, a dependency) stays outside, required when a diagram is drawn, so a script
// compiled without the cache is no larger than the library's chunk; import() becomes require()
// (a vm script has no module loader of its own).
await build({
  absWorkingDir: root,
  entryPoints: ["src/cli/main.ts"],
  outfile: "dist/cli.cjs",
  bundle: true,
  format: "cjs",
  platform: "node",
  target: "node20",
  mainFields: ["module", "main"],
  // web-tree-sitter's own CommonJS build: its ES module build declares a `require` of its own
  // that an import() turned require() would call before it is set.
  alias: { yaml: "./node_modules/yaml/browser/index.js", "web-tree-sitter": "./node_modules/web-tree-sitter/tree-sitter.cjs" },
  external: ["elkjs/*"],
  supported: { "dynamic-import": false },
  define: { "import.meta.url": "__amlnetUrl" },
  banner: { js: 'var __amlnetUrl = require("node:url").pathToFileURL(__filename).href;' },
  legalComments: "none",
  minify: true,
  logLevel: "warning",
});
// Its code cache, made in a process of its own (bare node, as users start it) after a check of an
// example has compiled what a check runs. V8 writes a cache's bytes a little differently from one
// build to the next; the script's are the same.
execFileSync(process.execPath, [fileURLToPath(new URL("./code-cache.mjs", import.meta.url))], { stdio: "inherit" });
// The web view's page: bundled for the browser, every asset served from the package (no CDN).
await build({
  absWorkingDir: root,
  entryPoints: ["src/web/client/app.ts"],
  outfile: "dist/web/app.js",
  bundle: true,
  format: "esm",
  platform: "browser",
  target: "es2022",
  minify: true,
  legalComments: "none",
  logLevel: "warning",
});
// The HCL parser's WebAssembly (web-tree-sitter's runtime, MIT; tree-sitter-hcl's Terraform
// grammar, Apache-2.0; their licences beside them) ships in dist/ like the bundled JavaScript:
// installing amlnet runs no script of theirs.
mkdirSync(new URL("../dist/wasm", import.meta.url), { recursive: true });
for (const [from, to] of [
  ["web-tree-sitter/tree-sitter.wasm", "tree-sitter.wasm"],
  ["@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm", "tree-sitter-terraform.wasm"],
  ["@tree-sitter-grammars/tree-sitter-hcl/LICENSE", "LICENSE-tree-sitter-hcl"],
  ["web-tree-sitter/LICENSE", "LICENSE-web-tree-sitter"],
])
  copyFileSync(join(root, "node_modules", from), new URL(`../dist/wasm/${to}`, import.meta.url));
for (const asset of ["index.html", "app.css"]) copyFileSync(new URL(`../src/web/client/${asset}`, import.meta.url), new URL(`../dist/web/${asset}`, import.meta.url));
if (!process.argv.includes("--no-types")) {
  execFileSync(process.execPath, [fileURLToPath(new URL("../node_modules/typescript/bin/tsc", import.meta.url)), "-p", "tsconfig.build.json"], { cwd: root, stdio: "inherit" });
  // The sources import with .ts extensions; declarations for consumers name the .js twins, which
  // TypeScript resolves to these .d.ts files under every module resolution.
  const types = fileURLToPath(new URL("../dist/types", import.meta.url));
  for (const entry of readdirSync(types, { recursive: true })) {
    if (!String(entry).endsWith(".d.ts")) continue;
    const file = join(types, String(entry));
    writeFileSync(file, readFileSync(file, "utf8").replace(/(from\s+|import\()(["'])(\.{1,2}\/[^"']+)\.ts\2/g, "$1$2$3.js$2"));
  }
}

/** Whether dist/ was built after the last change to the sources, the package manifest, the CLI's loader or the build's scripts. */
function upToDate() {
  let built;
  try {
    built = Math.min(...["cli.cjs", "cli.cache", "index.js", "web.js", "web-open.js", "web/app.js"].map((f) => statSync(join(root, "dist", f)).mtimeMs));
  } catch {
    return false;
  }
  const newest = (dir) => readdirSync(dir, { withFileTypes: true }).reduce((m, e) => Math.max(m, e.isDirectory() ? newest(join(dir, e.name)) : statSync(join(dir, e.name)).mtimeMs), 0);
  const scripts = ["package.json", "bin/load-cli.js", "scripts/code-cache.mjs"].map((f) => statSync(join(root, f)).mtimeMs);
  return built > Math.max(newest(join(root, "src")), ...scripts, statSync(fileURLToPath(import.meta.url)).mtimeMs);
}
