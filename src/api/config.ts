// amlnet.config.yaml: a project's defaults for `check`, found upward from the blueprint (up to the
// repository root): the fail level, the report format, a baseline, and rules to skip or re-level,
// each with a reason as suppressions have. Command-line options win over it.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { parseYaml } from "../frontends/blueprint/source.ts";
import { z } from "zod";
import type { Rule, Severity } from "../rules/rule.ts";
import type { Position } from "../core/source.ts";

export const CONFIG_FILE = "amlnet.config.yaml";

const Config = z
  .object({
    failLevel: z.enum(["error", "warning", "info", "none"]).optional(),
    format: z.enum(["text", "json", "sarif", "github", "junit"]).optional(),
    baseline: z.string().min(1).optional().describe("A baseline file, relative to the config file."),
    rules: z
      .record(
        z.string().regex(/^AML\d{3}$/, "a rule id such as AML037"),
        z.object({ severity: z.enum(["off", "error", "warning", "info"]), reason: z.string().min(3) }).strict(),
      )
      .default({}),
  })
  .strict();

export interface ProjectConfig {
  readonly file: string;
  readonly failLevel?: Severity | "none";
  readonly format?: string;
  readonly baseline?: string;
  readonly rules: Readonly<Record<string, { severity: "off" | Severity; reason: string }>>;
}

export type ConfigResult = { ok: true; config?: ProjectConfig } | { ok: false; errors: { code: string; message: string; position: Position }[] };

/** The nearest amlnet.config.yaml from the blueprint's folder up to the repository root. */
export function findConfig(blueprint: string): string | undefined {
  for (let dir = dirname(resolve(blueprint)); ; dir = dirname(dir)) {
    if (existsSync(join(dir, CONFIG_FILE))) return join(dir, CONFIG_FILE);
    if (existsSync(join(dir, ".git")) || dirname(dir) === dir) return undefined;
  }
}

/** Reads a config file; problems come back located, like a blueprint's. */
export function loadConfig(file: string, knownRules: readonly string[]): ConfigResult {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    return { ok: false, errors: [{ code: "BP000", message: `cannot read the config file: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, position: { file, line: 1, col: 1 } }] };
  }
  // The blueprint's YAML reader: the same positions, the same error wording.
  const source = parseYaml(file, text);
  const doc = source.doc;
  if (doc.errors.length) return { ok: false, errors: doc.errors.map((e) => ({ code: "BP001", message: `YAML: ${e.message.split("\n")[0]}`, position: source.at(e.pos[0]) })) };
  const locate = (path: (string | number)[]): Position => source.locate(path);
  const parsed = Config.safeParse(doc.toJS() ?? {});
  if (!parsed.success)
    return {
      ok: false,
      errors: parsed.error.issues.map((i) => {
        const path = i.path.filter((p): p is string | number => typeof p !== "symbol");
        return { code: "BP005", message: `${path.join(".") || "(top level)"}: ${i.message}`, position: locate(path) };
      }),
    };
  const unknown = Object.keys(parsed.data.rules).filter((id) => !knownRules.includes(id));
  if (unknown.length) return { ok: false, errors: unknown.map((id) => ({ code: "BP010", message: `no rule ${id}; amlnet rules lists them`, position: locate(["rules", id]) })) };
  const baseline = parsed.data.baseline && resolve(dirname(file), parsed.data.baseline);
  return { ok: true, config: { file, failLevel: parsed.data.failLevel, format: parsed.data.format, baseline, rules: parsed.data.rules } };
}

/** The catalog as the config has it: rules turned off left out, re-levelled ones at their new severity. */
export function configuredRules(rules: readonly Rule[], config: ProjectConfig | undefined): Rule[] {
  if (!config) return [...rules];
  return rules.flatMap((r) => {
    const c = config.rules[r.id];
    if (!c) return [r];
    return c.severity === "off" ? [] : [{ ...r, severity: c.severity }];
  });
}
