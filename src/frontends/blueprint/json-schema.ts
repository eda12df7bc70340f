// The draft-07 JSON Schema for editors (yaml-language-server), generated from the zod source so
// the two can't drift; schema/blueprint.schema.json is its committed copy (tested to match).
import * as z from "zod";
import { Blueprint } from "./schema.ts";

export function blueprintJsonSchema(): string {
  const schema = z.toJSONSchema(Blueprint, { target: "draft-7", io: "input" });
  return (
    JSON.stringify(
      {
        ...schema,
        $id: "https://amlnet.dev/schema/blueprint.schema.json",
        title: "amlnet blueprint",
        description: "One secure Azure Machine Learning deployment: workspace, dependencies, networks, DNS, endpoints, compute, integrations and clients.",
      },
      null,
      2,
    ) + "\n"
  );
}
