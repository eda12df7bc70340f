// Terraform back end: the expanded model as main.tf, variables.tf and outputs.tf. Resources the
// azurerm provider (4.x) models fully are written with it (azurerm.ts); the rest, and the
// properties azurerm lacks (managed network outbound rules, system datastore auth), go through
// azapi with ARM-shaped bodies, so every property of the model reaches Azure. References between
// created resources are Terraform references, which also give Terraform its ordering.
import { isDeploymentValue, isSecret, type Resource } from "../../core/types.ts";
import { DEFAULT_SUBSCRIPTION, idKey, parentId } from "../../core/ids.ts";
import { endpoints } from "../../core/views.ts";
import { azureType, typeFacts, versionFor, T } from "../../core/registry.ts";
import { snakeLabel, Symbols } from "../symbols.ts";
import { Expr, Nested, renderBlocks, template, type Block, type Body, type Value } from "./hcl.ts";
import type { Context } from "./context.ts";
import type { DeploymentPlan } from "../plan.ts";
import { azurermResources, azurermTypeOf, writtenInParent, type TfResource } from "./azurerm.ts";
import { generatedBy } from "../generated-by.ts";

export interface TerraformMeta {
  readonly blueprint: string;
  readonly version: string;
}

export interface TerraformOutput {
  readonly mainTf: string;
  readonly variablesTf: string;
  readonly outputsTf: string;
}

const SUBSCRIPTION = new Expr("data.azurerm_client_config.current.subscription_id");
const RESOURCE_GROUP = new Expr("var.resource_group_name");


export function emitTerraform(plan: DeploymentPlan, meta: TerraformMeta): TerraformOutput {
  const model = plan.model;
  const created = plan.terraform.created;
  const rgId = plan.resourceGroupId;
  const rgName = plan.resourceGroup || "rg";

  // Addresses first, so references can be written in any order.
  const addresses = new Map<string, string>();
  const usedLabels = new Map<string, Symbols>();
  const reserve = (tfType: string, base: string): string => {
    const used = usedLabels.get(tfType) ?? new Symbols([], "_");
    usedLabels.set(tfType, used);
    return used.unique(base);
  };
  for (const r of created) {
    if (writtenInParent(r)) continue;
    const tfType = azurermTypeOf(r) ?? "azapi_resource";
    addresses.set(idKey(r.id), `${tfType}.${reserve(tfType, snakeLabel(r))}`);
  }

  const extraData: Block[] = [];
  const secrets = new Map<string, string>();
  const literal = (id: string): Value => {
    if (!id.includes(DEFAULT_SUBSCRIPTION)) return id;
    const rest = id.slice(id.indexOf(DEFAULT_SUBSCRIPTION) + DEFAULT_SUBSCRIPTION.length);
    const rg = /^\/resourceGroups\/([^/]+)(.*)$/i.exec(rest);
    if (rg && rg[1].toLowerCase() === rgName.toLowerCase()) return template(["/subscriptions/", SUBSCRIPTION, "/resourceGroups/", RESOURCE_GROUP, rg[2]]);
    return template(["/subscriptions/", SUBSCRIPTION, rest]);
  };
  const ctx: Context = {
    model,
    resourceGroup: RESOURCE_GROUP,
    groupOf: (id) => (plan.inGroup(id) ? RESOURCE_GROUP : (id.split("/")[4] ?? "")),
    reserve,
    address: (id) => addresses.get(idKey(id)),
    literal,
    ref(id) {
      if (idKey(id) === idKey(rgId)) return new Expr("data.azurerm_resource_group.this.id");
      const a = addresses.get(idKey(id));
      if (!a) return literal(id);
      // The attribute that is the ARM id (an azurerm_role_definition's `id` is not).
      const type = model.get(id)?.type;
      return new Expr(`${a}.${(type && typeFacts(type)?.azurermIdAttribute) || "id"}`);
    },
    principalId(id) {
      const principal = plan.terraform.principal(id);
      if (principal.kind === "created-identity") return new Expr(`${addresses.get(idKey(id))}.principal_id`);
      if (principal.kind === "created-system") return new Expr(`${addresses.get(idKey(id))}.identity[0].principal_id`);
      if (principal.kind === "object-id") return id;
      // An identity Terraform does not manage: read its principal id from ARM.
      const r = principal.kind === "existing" ? principal.resource : undefined;
      const label = `principal_${snakeLabel(r ?? ({ type: "", name: id.split("/").pop() ?? "x", properties: {} } as unknown as Resource))}`;
      if (!extraData.some((d) => d.labels[1] === label))
        extraData.push({
          kind: "data",
          labels: ["azapi_resource", label],
          body: [
            ["type", r ? `${r.type}@${azureType(r.type).apiVersion}` : "Microsoft.Resources/resources@2021-04-01"],
            ["resource_id", literal(id)],
            ["response_export_values", ["identity.principalId"]],
          ],
        });
      return new Expr(`data.azapi_resource.${label}.output.identity.principalId`);
    },
    followsLocation: (at, value) => plan.followsLocation(at, value),
    location: (r) => {
      const location = plan.location(r);
      return location?.kind === "literal" ? location.value : new Expr("var.location");
    },
    reference: (id, at) => (plan.isWeakReference(at) ? ctx.literal(id) : ctx.ref(id)),
    secret(v) {
      const name = v.$secret.name.replace(/[^A-Za-z0-9]+/g, "_").toLowerCase();
      secrets.set(name, v.$secret.description);
      return new Expr(`var.${name}`);
    },
    convert(value) {
      return convertValue(value, ctx);
    },
  };

  const resources: TfResource[] = [];
  for (const r of created) {
    if (writtenInParent(r)) continue;
    resources.push(...(azurermResources(r, ctx) ?? [azapiResource(r, ctx)]));
  }

  const header = `# ${generatedBy(meta)}`;
  const main: Block[] = [
    {
      kind: "terraform",
      labels: [],
      body: [
        ["required_version", ">= 1.5.0"],
        [
          "required_providers",
          new Nested([
            ["azurerm", { source: "hashicorp/azurerm", version: "~> 4.73" }],
            ["azapi", { source: "Azure/azapi", version: "~> 2.0" }],
          ]),
        ],
      ],
    },
    {
      kind: "provider",
      labels: ["azurerm"],
      body: [
        ["subscription_id", new Expr("var.subscription_id")],
        // Shared keys are off on the storage account (secure by default), so the provider must
        // reach storage with Entra ID.
        ["storage_use_azuread", true],
        ["features", new Nested([])],
      ],
    },
    { kind: "provider", labels: ["azapi"], body: [["subscription_id", new Expr("var.subscription_id")]] },
    { kind: "data", labels: ["azurerm_client_config", "current"], body: [] },
    { kind: "data", labels: ["azurerm_resource_group", "this"], body: [["name", RESOURCE_GROUP]] },
    ...extraData,
    ...resources.map((t): Block => ({ kind: "resource", labels: [t.tfType, t.label], body: t.body, comment: t.comment })),
  ];

  const variables: Block[] = [
    {
      kind: "variable",
      labels: ["subscription_id"],
      body: [
        ["description", "Subscription to deploy into."],
        ["type", new Expr("string")],
      ],
    },
    {
      kind: "variable",
      labels: ["resource_group_name"],
      body: [
        ["description", "Existing resource group that receives the resources."],
        ["type", new Expr("string")],
        ["default", rgName],
      ],
    },
    {
      kind: "variable",
      labels: ["location"],
      body: [
        ["description", "Region of the resources that follow the workspace's region."],
        ["type", new Expr("string")],
        ["default", model.region],
      ],
    },
  ];

  for (const [name, description] of secrets)
    variables.push({
      kind: "variable",
      labels: [name],
      body: [
        ["description", description],
        ["type", new Expr("string")],
        ["sensitive", true],
      ],
    });

  const outputs: Block[] = [];
  for (const ws of created.filter((r) => r.type === T.workspace)) {
    outputs.push({
      kind: "output",
      labels: [`${snakeLabel(ws)}_id`],
      body: [
        ["description", `Resource id of workspace ${ws.name}.`],
        ["value", new Expr(`${addresses.get(idKey(ws.id))}.id`)],
      ],
    });
  }
  const peAddresses: Record<string, Value> = {};
  for (const e of endpoints(plan.analysis)) {
    const a = addresses.get(idKey(e.pe.id));
    if (a?.startsWith("azurerm_private_endpoint.")) peAddresses[e.pe.name] = new Expr(`${a}.private_service_connection[0].private_ip_address`);
  }
  if (Object.keys(peAddresses).length)
    outputs.push({
      kind: "output",
      labels: ["private_endpoint_addresses"],
      body: [
        ["description", "First private address of each private endpoint (verify.sh expects names to resolve into these subnets)."],
        ["value", peAddresses],
      ],
    });

  return {
    mainTf: `${header}\n\n${renderBlocks(main)}`,
    variablesTf: `${header}\n\n${renderBlocks(variables)}`,
    outputsTf: `${header}\n\n${renderBlocks(outputs)}`,
  };
}

/** A resource azurerm does not model fully, as an ARM-shaped azapi_resource. */
function azapiResource(r: Resource, ctx: Context): TfResource {
  const address = ctx.address(r.id)!;
  const parent = parentId(r.id);
  // Extension resources hang off their scope; children off their parent; the rest off the group.
  const parentRef = r.scope ? ctx.ref(r.scope) : parent && r.type.split("/").length > 2 ? ctx.ref(parent) : new Expr("data.azurerm_resource_group.this.id");
  // A parent Terraform does not create itself (Synapse's managed VNet) is named by id; order
  // after the nearest ancestor it does create.
  let dependsOn: Expr | undefined;
  if (parent && !r.scope && !ctx.address(parent)) {
    for (let p = parentId(parent); p; p = parentId(p)) {
      const a = ctx.address(p);
      if (a) {
        dependsOn = new Expr(`[${a}]`);
        break;
      }
    }
  }
  // Ordering the properties don't show (a Kubernetes compute after the cluster's ML extension).
  const after = (r.dependsOn ?? []).map((d) => ctx.address(d)).filter((a): a is string => !!a);
  if (after.length) dependsOn = new Expr(`[${[...(dependsOn ? [dependsOn.text.slice(1, -1)] : []), ...after].join(", ")}]`);
  const identity = r.identity && r.identity.type !== "None" ? r.identity : undefined;
  const body: Body = [
    ["type", `${r.type}@${versionFor(r).apiVersion}`],
    ["name", r.name.slice(r.name.lastIndexOf("/") + 1)],
    ["parent_id", parentRef],
    ["location", r.location ? ctx.location(r) : undefined],
    [
      "identity",
      identity
        ? new Nested([
            ["type", identity.type.replace(",", ", ")],
            ["identity_ids", identity.userAssignedIdentities ? Object.keys(identity.userAssignedIdentities).map((id) => ctx.ref(id)) : undefined],
          ])
        : undefined,
    ],
    [
      "body",
      ctx.convert({
        ...(r.kind ? { kind: r.kind } : {}),
        ...(r.sku ? { sku: r.sku } : {}),
        properties: r.properties,
      }),
    ],
    ["depends_on", dependsOn],
  ];
  return { tfType: "azapi_resource", label: address.split(".")[1], body, comment: `${r.type} ${r.name}` };
}

/** ARM-shaped JSON as HCL: ids become references, ARM template expressions their Terraform twins. */
function convertValue(value: unknown, ctx: Context, at: readonly string[] = []): Value {
  if (isSecret(value)) return ctx.secret(value);
  if (isDeploymentValue(value)) return new Expr("data.azurerm_client_config.current.tenant_id");
  if (ctx.followsLocation(at, value)) return new Expr("var.location");
  if (typeof value === "string") {
    if (/^\/subscriptions\/[^/]+\//i.test(value)) return ctx.reference(value, at);
    return value;
  }
  if (typeof value === "number" || typeof value === "boolean") return value;
  if (Array.isArray(value)) return value.map((v, i) => convertValue(v, ctx, [...at, String(i)]));
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, convertValue(v, ctx, [...at, k])]));
  return "";
}
