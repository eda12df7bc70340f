// Private endpoints: a subnet each, and what they reach.
import * as z from "zod";
import { name, subnetRef, suppress } from "./values.ts";

const EndpointTarget = z
  .string()
  .regex(
    /^(workspace|storage(:(blob|file|dfs|queue|table|web))?|keyVault|containerRegistry|registry\/[^/]+|aiServices\/[^/]+|synapse\/[^/]+(:(Sql|SqlOnDemand|Dev))?|paas\/[^/]+|monitoring)$/,
    "workspace, storage[:sub], keyVault, containerRegistry, registry/<name>, aiServices/<name>, synapse/<name>[:group], paas/<name> or monitoring",
  );

export const Endpoints = z
  .object({
    name: name("Name prefix for these endpoints.").optional(),
    subnet: subnetRef,
    targets: z
      .array(EndpointTarget)
      .optional()
      .describe("What gets a private endpoint in this subnet; omitted: the workspace, storage, Key Vault and (when declared) the container registry."),
    approval: z.enum(["Approved", "Pending"]).default("Approved"),
    suppress,
  })
  .strict();
