// Any input amlnet reads, told apart by its content: JSON (a deployment template, a Resource
// Graph result, a list of resource bodies, a Terraform plan) or a YAML blueprint. What a file is
// called never decides.
import { looksLikeJson } from "../frontends/arm/load.ts";
import { openJson, openLoaded, type JsonOpenOptions } from "./open-json.ts";
import { loadTerraformPlan, looksLikePlan } from "../frontends/terraform/plan.ts";
import { openBlueprint, type Opened, type OpenOptions } from "./project.ts";

export interface InputOptions extends OpenOptions, JsonOpenOptions {}

export function openInput(file: string, text: string, options: InputOptions = {}): Opened {
  if (looksLikeJson(text) && looksLikePlan(text)) {
    // A Terraform plan as terraform show -json prints it.
    const loaded = loadTerraformPlan(file, text, { cloud: options.cloud, location: options.location, subscriptionId: options.subscriptionId });
    return loaded.ok ? openLoaded(file, loaded, options) : loaded;
  }
  return looksLikeJson(text) ? openJson(file, text, options) : openBlueprint(file, text, options);
}
