// Any input amlnet reads, told apart by its content: JSON (a deployment template, a Resource
// Graph result, a list of resource bodies) or a YAML blueprint. What a file is called never decides.
import { looksLikeJson } from "../frontends/arm/load.ts";
import { openJson, type JsonOpenOptions } from "./open-json.ts";
import { openBlueprint, type Opened, type OpenOptions } from "./project.ts";

export interface InputOptions extends OpenOptions, JsonOpenOptions {}

export function openInput(file: string, text: string, options: InputOptions = {}): Opened {
  return looksLikeJson(text) ? openJson(file, text, options) : openBlueprint(file, text, options);
}
