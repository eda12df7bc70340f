// Regenerates schema/blueprint.schema.json from the zod schema (npm run schema).
import { writeFileSync } from "node:fs";
import { blueprintJsonSchema } from "../src/frontends/blueprint/json-schema.ts";

writeFileSync(new URL("../schema/blueprint.schema.json", import.meta.url), blueprintJsonSchema());
