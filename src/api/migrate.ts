// `amlnet import`: a best-effort blueprint from an opened template or estate.
import { blueprintFromModel, type Migrated } from "../backends/blueprint/from-model.ts";
import type { Project } from "./project.ts";

export function migrate(project: Project): Migrated {
  return blueprintFromModel(project.model, project.file);
}
