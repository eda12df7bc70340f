// The main job as a library call: blueprint text -> model -> findings. The CLI and tests use it.
import { loadBlueprint, type InputError } from "./blueprint/load.ts";
import type { SourceDoc } from "./blueprint/source.ts";
import { expand } from "./expand/expand.ts";
import type { Model } from "./model/model.ts";
import { RULES } from "./analysis/rules/catalog.ts";
import { collectSuppressions, runRules, type Finding } from "./analysis/rules/run.ts";

export type CheckResult =
  | { readonly ok: true; readonly model: Model; readonly findings: readonly Finding[]; readonly source: SourceDoc }
  | { readonly ok: false; readonly errors: readonly InputError[] };

export function checkBlueprint(file: string, text: string, rules = RULES): CheckResult {
  const loaded = loadBlueprint(file, text);
  if (!loaded.ok) return loaded;
  const model = expand(loaded.blueprint);
  const findings = runRules(model, rules, collectSuppressions(loaded.blueprint));
  return { ok: true, model, findings, source: loaded.source };
}
