// The main job as a library call: blueprint text -> model -> findings. The CLI and tests use it.
import { loadBlueprint, type InputError } from "../frontends/blueprint/load.ts";
import type { SourceDoc } from "../frontends/blueprint/source.ts";
import { expand } from "../frontends/blueprint/lower/expand.ts";
import type { Model } from "../core/model.ts";
import { RULES } from "../rules/catalog.ts";
import { collectSuppressions, runRules, type Finding } from "../rules/run.ts";

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
