// deploy.sh: the az CLI path (in the spirit of the recipe in "Configure a private endpoint for an
// Azure Machine Learning workspace"): resource group, template deployment, then what a template
// can't do: provisioning a managed network (F34), Synapse's managed private endpoint and its
// approval on the AML side (F46), and role assignments (and the custom roles they assign) outside
// the resource group.
import type { DeploymentPlan } from "../plan.ts";
import { outboundRules, roleAssignments } from "../../core/views.ts";
import { T } from "../../core/registry.ts";
import { q, shellHeader, shellId, usesSubscription } from "./shell.ts";
import { props } from "../../core/props.ts";
import { DEFAULT_SUBSCRIPTION, parentId } from "../../core/ids.ts";
import { resourceFqdn } from "../../core/names.ts";
import { commentSafe } from "../generated-by.ts";

export function deploySh(plan: DeploymentPlan, meta: { blueprint: string; version: string }): string {
  const model = plan.model;
  const manual = plan.template.scripted;
  const ws = model.ofType(T.workspace)[0];
  const rg = ws.id.split("/")[4];
  // Secrets come from the environment, never from a file amlnet writes.
  const secrets = plan.secrets;
  const mpes = model.ofType(T.synapseMpe);
  const adf = model.ofType(T.dataFactoryMpe);
  const expected = mpes.length + adf.length;
  // az extensions the steps below call (provision-network is in the ml extension).
  const mnFor = props.workspace(ws).managedNetwork;
  const extensions = mnFor && mnFor.isolationMode !== "Disabled" ? ["ml"] : [];
  const lines = [
    ...shellHeader(meta, "Deploys the generated template, then the steps a template can't do."),
    `RESOURCE_GROUP="\${RESOURCE_GROUP:-${rg}}"`,
    `LOCATION="\${LOCATION:-${model.region}}"`,
    `WORKSPACE=${q(ws.name)}`,
    'here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"',
    "# --after-terraform: `terraform apply` (or an earlier run of this script) has created the",
    "# resources and every role assignment; only the steps after the deployment run.",
    "# --bicep: deploy main.bicep with main.bicepparam instead of main.json (same resources).",
    "# --what-if: show what the deployment would change (az deployment group what-if) and stop.",
    'after_terraform=""',
    'bicep=""',
    'what_if=""',
    'for option in "$@"; do',
    '  case "$option" in',
    "    --after-terraform) after_terraform=1 ;;",
    "    --bicep) bicep=1 ;;",
    "    --what-if) what_if=1 ;;",
    '    *) echo "usage: deploy.sh [--after-terraform] [--bicep] [--what-if]" >&2; exit 2 ;;',
    "  esac",
    "done",
    "",
    ...(secrets.length
      ? [
          "# Secrets come from the environment, checked before az is called at all.",
          'if [ -z "$after_terraform" ] || [ -n "$what_if" ]; then',
          ...secrets.map((x) => `  : "\${${x.variable}:?Set ${x.variable}: ${x.description}}"`),
          ...secrets.map((x) => `  if [[ "$${x.variable}" == *[[:cntrl:]]* ]]; then echo "${x.variable} may not contain control characters." >&2; exit 2; fi`),
          "fi",
          "",
        ]
      : []),
    "# Prerequisites, before anything changes: the az CLI, a login, and the extensions called below.",
    'if ! command -v az >/dev/null 2>&1; then echo "deploy.sh needs the Azure CLI (az): https://learn.microsoft.com/cli/azure/install-azure-cli" >&2; exit 2; fi',
    'if ! az account show --output none 2>/dev/null; then echo "az is not logged in: run az login (and az account set --subscription <id>)" >&2; exit 2; fi',
    ...extensions.map((x) => `if ! az extension show --name ${x} --output none 2>/dev/null; then echo "deploy.sh needs the az ${x} extension: run az extension add --name ${x}" >&2; exit 2; fi`),
    ...(expected ? ['known=""'] : []),
    "",
    "# The template and its parameters: main.json, or main.bicep with main.bicepparam.",
    'if [ -n "$bicep" ]; then',
    `  template=(--template-file "$here/main.bicep" --parameters "$here/main.bicepparam" --parameters location="$LOCATION")`,
    "else",
    `  template=(--template-file "$here/main.json" --parameters "@$here/main.parameters.json" --parameters location="$LOCATION")`,
    "fi",
    "",
    // Secrets go to az in a parameters file only this user can read, never as arguments (which
    // every user on the machine sees in the process list); bash's printf is a builtin.
    ...(secrets.length
      ? [
          'if [ -z "$after_terraform" ] || [ -n "$what_if" ]; then',
          '  secret_parameters="$(mktemp)"',
          String.raw`  trap 'rm -f "$secret_parameters"' EXIT`,
          '  chmod 600 "$secret_parameters"',
          "  json_string() {",
          "    local s=\"${1//\\\\/\\\\\\\\}\"",
          "    s=\"${s//\\\"/\\\\\\\"}\"",
          "    printf '\"%s\"' \"$s\"",
          "  }",
          `  printf '{"contentVersion": "1.0.0.0", "parameters": {${secrets.map((x) => `"${x.parameter}": {"value": %s}`).join(", ")}}}' ${secrets.map((x) => `"$(json_string "$${x.variable}")"`).join(" ")} > "$secret_parameters"`,
          "fi",
          "# main.bicepparam reads the secrets from the environment itself; main.json takes the file.",
          "secret_args=()",
          'if [ -z "$bicep" ] && [ -n "${secret_parameters:-}" ]; then secret_args=(--parameters "@$secret_parameters"); fi',
          "",
        ]
      : []),
    'if [ -n "$what_if" ]; then',
    `  az deployment group what-if --resource-group "$RESOURCE_GROUP" --name "amlnet-$WORKSPACE" "\${template[@]}"${secrets.length ? ' "${secret_args[@]}"' : ""}`,
    "  exit 0",
    "fi",
    "",
    'if [ -z "$after_terraform" ]; then',
    '  echo "Creating resource group $RESOURCE_GROUP in $LOCATION"',
    '  az group create --name "$RESOURCE_GROUP" --location "$LOCATION" --output none',
    ...(expected
      ? [
          "  # Endpoint connections the workspace has before this deployment (a redeployment) are not this",
          "  # deployment's to approve.",
          '  known="$(az network private-endpoint-connection list --id "/subscriptions/${SUBSCRIPTION}/resourceGroups/${RESOURCE_GROUP}/providers/Microsoft.MachineLearningServices/workspaces/${WORKSPACE}" --query "[].id" --output tsv 2>/dev/null || true)"',
        ]
      : []),
    '  echo "Deploying ${template[1]##*/}"',
    `  az deployment group create --resource-group "$RESOURCE_GROUP" --name "amlnet-$WORKSPACE" "\${template[@]}"${secrets.length ? ' "${secret_args[@]}"' : ""} --output none`,
  ];
  // Role assignments outside the resource group come with the deployment, before any step that may
  // have to be re-run from elsewhere with --after-terraform (a private Synapse's).
  const manualIds = new Set(manual.map((m) => m.id.toLowerCase()));
  // Custom roles assignable outside the resource group: created unless one of the name exists. The
  // name is made unique in the tenant from the real scope (the model's comes from a placeholder
  // subscription); the variable holds the role's GUID for the assignments below.
  const customRoles = new Map<string, string>();
  model.ofType(T.roleDefinition).filter((d) => manualIds.has(d.id.toLowerCase())).forEach((d, i) => {
    const p = props.roleDefinition(d);
    const v = `custom_role_${i + 1}`;
    customRoles.set(d.name.toLowerCase(), v);
    const definition = JSON.stringify({ Name: "%s", IsCustom: true, Description: p.description, Actions: p.permissions?.[0]?.actions ?? [], NotActions: [], AssignableScopes: ["%s"] });
    lines.push(
      `  # ${commentSafe(`${p.roleName}: a custom role, assignable in resource group ${String(d.scope).split("/")[4]} only, outside ${rg}.`)}`,
      `  ${v}_scope=${shellId(String(d.scope), rg)}`,
      `  ${v}_name=${q(`${p.roleName} `)}"$(printf '%s' "$${v}_scope" | sha1sum | cut -c1-12)"`,
      `  ${v}="$(az role definition list --custom-role-only true --name "$${v}_name" --query "[0].name" --output tsv)"`,
      `  if [ -z "$${v}" ]; then`,
      `    ${v}="$(az role definition create --role-definition "$(printf ${q(definition.replace(/%(?!s)/g, "%%"))} "$${v}_name" "$${v}_scope")" --query name --output tsv)"`,
      "  fi",
    );
  });
  for (const a of roleAssignments(plan.analysis).filter((x) => manualIds.has(x.r.id.toLowerCase()))) {
    const custom = customRoles.get(a.roleDefinition);
    const create = `az role assignment create --assignee-object-id "$principal" --assignee-principal-type ServicePrincipal --role ${custom ? `"$${custom}"` : q(a.roleDefinition)} --scope ${shellId(a.scope, rg)} --output none`;
    lines.push(
      `  # ${props.roleAssignment(a.r).description}: its scope is outside ${rg}.`,
      `  principal="$(az resource show --ids ${shellId(a.principal, rg)} --query "[identity.principalId, properties.principalId] | [?@] | [0]" --output tsv)"`,
      // A role just created takes a while to reach every region: the assignment is retried.
      ...(custom ? [`  for attempt in 1 2 3 4 5 6; do ${create} && break; [ "$attempt" = 6 ] && exit 1; sleep 10; done`] : [`  ${create}`]),
    );
  }
  for (const link of model.ofType(T.zoneLink).filter((l) => manualIds.has(l.id.toLowerCase()))) {
    const [, , subscription, , group, , , , zone, , name] = link.id.split("/");
    const policy = props.vnetBound(link).resolutionPolicy;
    lines.push(
      `  # Zone ${zone} is in resource group ${group}, outside ${rg}: its link to the VNet is made here.`,
      `  az network private-dns link vnet create${subscription === DEFAULT_SUBSCRIPTION ? "" : ` --subscription ${q(subscription)}`} --resource-group ${q(group)} --zone-name ${q(zone)} --name ${q(name)} \\`,
      `    --virtual-network ${shellId(String(props.vnetBound(link).virtualNetwork?.id), rg)} --registration-enabled false${policy && policy !== "Default" ? ` --resolution-policy ${q(policy)}` : ""} --output none`,
    );
  }
  lines.push("fi");
  const mn = props.workspace(ws).managedNetwork;
  if (mn && mn.isolationMode !== "Disabled") {
    const spark = outboundRules(plan.analysis, ws).some((r) => (r.destination as { sparkEnabled?: boolean })?.sparkEnabled);
    lines.push(
      "",
      "# F34: provision the managed network now (about 30 minutes the first time) rather than at the first compute.",
      `az ml workspace provision-network --name "$WORKSPACE" --resource-group "$RESOURCE_GROUP"${spark ? " --include-spark" : ""}`,
    );
  }
  if (expected)
    lines.push('WORKSPACE_ID="$(az resource show --resource-group "$RESOURCE_GROUP" --resource-type Microsoft.MachineLearningServices/workspaces --name "$WORKSPACE" --query id --output tsv)"');
  for (const m of mpes) {
    const [synapse, , name] = m.name.split("/");
    const syn = model.get(parentId(parentId(m.id)!)!);
    // "How to securely integrate Azure Machine Learning and Azure Synapse" (SYN): the Synapse data
    // plane answers only where its firewall or its endpoints let the caller in.
    const reach =
      syn && props.synapse(syn).publicNetworkAccess === "Disabled"
        ? [
            `# Synapse ${synapse} is private: this step runs from a machine in a VNet with its endpoints.`,
            `if ! getent ahostsv4 ${q(resourceFqdn(model, syn, "Dev")!)} | awk 'NR == 1 { print $1 }' | grep -qE '^(10|172\\.(1[6-9]|2[0-9]|3[01])|192\\.168)\\.'; then`,
            `  echo ${q(`Synapse ${synapse} is private and this machine does not resolve it to a private address: run 'deploy.sh --after-terraform' again from inside its VNet (it skips the deployment).`)} >&2`,
            "  exit 1",
            "fi",
          ]
        : [`# Synapse ${synapse}'s firewall admits only its allowedRanges: run this from one of them.`];
    lines.push(
      "",
      `# F46: Synapse ${synapse} reaches the workspace through a managed private endpoint, created in Synapse's data plane.`,
      ...reach,
      'mpe_file="$(mktemp)"',
      `printf '{"properties": {"privateLinkResourceId": "%s", "groupId": "amlworkspace"}}' "$WORKSPACE_ID" > "$mpe_file"`,
      `az synapse managed-private-endpoints create --workspace-name ${q(synapse)} --pe-name ${q(name)} --file "@$mpe_file"`,
      'rm -f "$mpe_file"',
    );
  }
  if (expected) {
    lines.push(
      "",
      `# F46: the ${expected} managed private endpoint(s) this deployment creates wait in Pending until approved on`,
      "# the workspace, and take a while to appear: wait for all of them, approve those and no other.",
      `expected=${expected}`,
      'mine=""',
      "for _ in $(seq 1 30); do",
      '  mine=""',
      '  for connection in $(az network private-endpoint-connection list --id "$WORKSPACE_ID" --query "[?properties.privateLinkServiceConnectionState.status==\'Pending\'].id" --output tsv); do',
      '    grep -qxF -- "$connection" <<<"$known" || mine="$mine $connection"',
      "  done",
      '  [ "$(wc -w <<<"$mine")" -ge "$expected" ] && break',
      "  sleep 20",
      "done",
      'if [ "$(wc -w <<<"$mine")" -lt "$expected" ]; then',
      '  echo "Only $(wc -w <<<"$mine") of $expected managed private endpoint connection(s) appeared; approve the rest on the workspace\'s private endpoint connections when they do." >&2',
      "fi",
      "for connection in $mine; do",
      '  az network private-endpoint-connection approve --id "$connection" --description "Approved by amlnet deploy.sh" --output none',
      "done",
    );
  }
  const pending = model.ofType(T.pe).filter((p) => props.pe(p).manualPrivateLinkServiceConnections?.length);
  for (const p of pending)
    lines.push("", `echo ${q(`Ask the owner of ${props.pe(p).manualPrivateLinkServiceConnections?.[0]?.properties.privateLinkServiceId} to approve endpoint ${p.name}.`)}`);
  lines.push("", 'echo "Done. From inside the VNet, run verify.sh to check private name resolution."', "");
  // Ids of the placeholder subscription are written as "$SUBSCRIPTION": the one az is logged into.
  if (usesSubscription(lines)) lines.splice(lines.indexOf(`WORKSPACE=${q(ws.name)}`) + 1, 0, 'SUBSCRIPTION="${SUBSCRIPTION:-$(az account show --query id --output tsv)}"');
  return lines.join("\n");
}
