// Any input amlnet reads, told apart by its content: JSON (a deployment template, a Resource
// Graph result, a list of resource bodies, a Terraform plan) or a YAML blueprint. What a file is
// called never decides.
import { looksLikeJson } from "../frontends/arm/load.ts";
import { quoteInput } from "../core/quote.ts";
import { openJson, openLoaded, type JsonOpenOptions } from "./open-json.ts";
import { loadTerraformPlan, looksLikePlan } from "../frontends/terraform/plan.ts";
import { openBlueprint, type Opened, type OpenOptions } from "./project.ts";
import { configurationPositions, type TerraformReader } from "./terraform.ts";
import { dirname } from "node:path";

export interface InputOptions extends OpenOptions, JsonOpenOptions {
  /** The HCL reader: with it, a plan's findings point at the .tf files beside the plan. */
  readonly terraform?: TerraformReader;
}

export function openInput(file: string, text: string, options: InputOptions = {}): Opened {
  if (looksLikeJson(text) && looksLikePlan(text)) {
    // A Terraform plan as terraform show -json prints it; the configuration beside it says where each resource is written.
    const positions = options.terraform && file !== "-" ? configurationPositions(dirname(file), options.terraform) : undefined;
    const loaded = loadTerraformPlan(file, text, { cloud: options.cloud, location: options.location, subscriptionId: options.subscriptionId, positions });
    return loaded.ok ? openLoaded(file, loaded, options) : loaded;
  }
  if (!looksLikeJson(text) && looksLikeBicep(text))
    return { ok: false, errors: [{ code: "BP002", message: `${file === "-" ? "the input" : quoteInput(file, 200)} is Bicep, which amlnet reads as the ARM JSON it compiles to: run az bicep build --file <it> and check the .json it writes`, position: { file, line: 1, col: 1 } }] };
  return looksLikeJson(text) ? openJson(file, text, options) : openBlueprint(file, text, options);
}

/** Bicep declarations at the start of a line (`resource x 'Type@version' = {`, `param p string`, `targetScope =`), which YAML can't hold as a blueprint. */
function looksLikeBicep(text: string): boolean {
  return /^\s*(resource\s+\w+\s+'[^']+@[^']+'|param\s+\w+\s+\w+|targetScope\s*=|module\s+\w+\s+'|metadata\s+\w+\s*=|var\s+\w+\s*=)/m.test(text);
}
