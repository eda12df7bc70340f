// amlnet.config.yaml: a project's defaults for `check`, found upward from the blueprint (up to the
// repository root): the fail level, the report format, a baseline, and rules to skip or re-level,
// each with a reason as suppressions have. Command-line options win over it. The search stops at
// the nearest folder holding .git, else at the user's home; an input in neither (the system's
// shared temporary folder, say) finds only a config beside it, so a file someone else left in a
// shared folder never configures a run. A config's baseline stays inside its repository.
import { existsSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { READ_BOUNDS, readText, repositoryRoot } from "./read.ts";
import { DEFAULT_LIMITS, documentData, parseYaml } from "../frontends/blueprint/source.ts";
import * as z from "zod";
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

/** The nearest amlnet.config.yaml from the blueprint's folder up to the repository root (else the home folder). */
export function findConfig(blueprint: string, home: string = homedir()): string | undefined {
  const start = dirname(resolve(blueprint));
  const root = repositoryRoot(start);
  // Without a repository above, the search may climb to the home folder when the input is inside it.
  const stop = existsSync(join(root, ".git")) ? root : isWithin(start, resolve(home)) ? resolve(home) : start;
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, CONFIG_FILE))) return join(dir, CONFIG_FILE);
    if (dir === stop || dirname(dir) === dir) return undefined;
  }
}

function isWithin(path: string, folder: string): boolean {
  const rel = relative(folder, path);
  return rel === "" || (!rel.startsWith(`..${sep}`) && rel !== ".." && !isAbsolute(rel));
}

/** Reads a config file; problems come back located, like a blueprint's. */
export function loadConfig(file: string, knownRules: readonly string[]): ConfigResult {
  const read = readText(file, READ_BOUNDS.config);
  if (!read.ok) return { ok: false, errors: [{ code: "BP000", message: read.error, position: { file, line: 1, col: 1 } }] };
  const text = read.text;
  // The blueprint's YAML reader: the same positions, the same error wording.
  const source = parseYaml(file, text);
  const doc = source.doc;
  if (doc.errors.length) return { ok: false, errors: doc.errors.map((e) => ({ code: "BP001", message: `YAML: ${e.message.split("\n")[0]}`, position: source.at(e.pos[0]) })) };
  // The blueprint's alias checks too: an alias to nothing, or a bomb, is a located error.
  const data = documentData(doc, DEFAULT_LIMITS.maxValues);
  if ("problem" in data) return { ok: false, errors: [{ code: "BP006", message: data.problem.message, position: source.at(data.problem.offset) }] };
  const locate = (path: (string | number)[]): Position => source.locate(path);
  const parsed = Config.safeParse(data.value ?? {}, { jitless: true });
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
  // A config names files of its own repository (or its own folder): never /etc/passwd or a device.
  const home = dirname(resolve(file));
  const root = existsSync(join(repositoryRoot(home), ".git")) ? repositoryRoot(home) : home;
  if (baseline && !isWithin(baseline, root))
    return { ok: false, errors: [{ code: "BP010", message: `baseline must be a file inside ${existsSync(join(root, ".git")) ? "the repository" : "the config file's folder"}`, position: locate(["baseline"]) }] };
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
