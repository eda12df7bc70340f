// What must hold for any input: exit codes 0, 1 or 2 only, never an internal error, and every
// generated file well formed with input only ever inside literals. Returns the violations (empty
// when all is well), so a property test can print them with the failing seed.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse as parseHcl } from "@cdktn/hcl2json";
import { parseDocument } from "yaml";
import { main } from "../../src/cli/main.ts";
import { expressionProblems } from "../support/arm-expressions.ts";
import { lexBicep } from "../support/bicep-lexer.ts";
import { markerContexts } from "../support/shell-context.ts";

/** In every payload the fuzzer places, with characters each format must escape around it. */
export const MARKER = "PWN";
export const MARKED = `'"\`$(${MARKER})\${${MARKER}}[${MARKER}]\\\n`;

export function runCli(argv: string[]): { code: number; out: string; err: string } {
  let out = "";
  let err = "";
  const code = main(argv, { out: (s) => (out += s), err: (s) => (err += s), isTTY: false, env: {} }) as number;
  return { code, out, err };
}

/** Violations of the CLI contract for one run. */
export function cliProblems(what: string, r: { code: number; err: string }): string[] {
  const problems: string[] = [];
  if (![0, 1, 2].includes(r.code)) problems.push(`${what}: exit ${r.code}`);
  if (r.err.includes("internal error")) problems.push(`${what}: ${r.err.trim()}`);
  return problems;
}

/** Violations in the files of one build. */
export async function fileProblems(files: ReadonlyMap<string, string>, options: { shellcheck: boolean }): Promise<string[]> {
  const problems: string[] = [];
  const marker = new RegExp(MARKER);
  for (const name of ["main.json", "main.parameters.json"]) {
    const text = files.get(name);
    if (text === undefined) continue;
    try {
      problems.push(...expressionProblems(JSON.parse(text), marker).map((p) => `${name}: ${p}`));
    } catch (e) {
      problems.push(`${name} is not JSON: ${(e as Error).message}`);
    }
  }
  for (const name of ["main.tf", "variables.tf", "outputs.tf"]) {
    const text = files.get(name);
    if (text === undefined) continue;
    try {
      await parseHcl(name, text);
    } catch (e) {
      problems.push(`${name} is not HCL: ${String(e).slice(0, 300)}`);
    }
  }
  const bicep = files.get("main.bicep");
  if (bicep !== undefined) {
    const { segments, errors } = lexBicep(bicep);
    problems.push(...errors.map((e) => `main.bicep: ${e}`));
    for (const s of segments) {
      if (s.kind === "interpolation" && marker.test(s.text)) problems.push(`main.bicep:${s.line}: input in an interpolation: ${s.text}`);
      if (s.kind === "code" && new RegExp(`${MARKER}\\s*[(.'\\[]`).test(s.text)) problems.push(`main.bicep:${s.line}: input as code: ${s.text.slice(0, 200)}`);
    }
  }
  const yml = files.get("workspace.yml");
  if (yml !== undefined && parseDocument(yml).errors.length) problems.push(`workspace.yml: ${parseDocument(yml).errors[0].message}`);
  const dir = mkdtempSync(join(tmpdir(), "amlnet-fuzz-sh-"));
  try {
    for (const name of ["deploy.sh", "verify.sh"]) {
      const text = files.get(name);
      if (text === undefined) continue;
      const contexts = markerContexts(text, MARKER).filter((c) => c !== "single" && c !== "comment");
      if (contexts.length) problems.push(`${name}: input outside single quotes (${contexts.join(", ")})`);
      const file = join(dir, name);
      writeFileSync(file, text);
      const syntax = spawnSync("bash", ["-n", file], { encoding: "utf8" });
      if (syntax.status !== 0) problems.push(`${name}: bash -n: ${syntax.stderr.trim()}`);
      if (options.shellcheck) {
        // Errors and warnings are what matter for input text: shellcheck's info and style notes
        // (SC1003 on the correct '\'' quoting of a backslash, SC2016 on $(...) kept literal in
        // single quotes, which is the point) judge the look of correct quoting. The examples'
        // scripts are held to every note (scripts.test.ts).
        const lint = spawnSync("shellcheck", ["--severity=warning", file], { encoding: "utf8" });
        if (lint.status !== 0) problems.push(`${name}: shellcheck: ${lint.stdout.slice(0, 400)}`);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return problems;
}

/** The files `amlnet build` wrote into a folder. */
export function readBuild(dir: string): Map<string, string> {
  return new Map(readdirSync(dir).filter((n) => !n.startsWith(".")).map((n) => [n, readFileSync(join(dir, n), "utf8")]));
}
