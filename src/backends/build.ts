// Everything `amlnet build` writes, as file name -> content: a pure function of the model. The
// deployment plan is made once; every file renders it.
import type { Model } from "../core/model.ts";
import type { Resource } from "../core/types.ts";
import type { Analysis } from "../core/analysis.ts";
import { emitArm } from "./arm/template.ts";
import { planDeployment, type DeploymentPlan, type ScriptedStep } from "./plan.ts";
import { endpoints, roleAssignments } from "../core/views.ts";
import { T } from "../core/registry.ts";
import { deploySh } from "./scripts/deploy-sh.ts";
import { mainBicep } from "./bicep/main-bicep.ts";
import { verifySh } from "./scripts/verify-sh.ts";
import { verifyPs1 } from "./scripts/verify-ps1.ts";
import { workspaceYml } from "./scripts/workspace-yml.ts";
import { emitTerraform } from "./terraform/main-tf.ts";
import { props } from "../core/props.ts";
import { generatedBy } from "./generated-by.ts";

export interface BuildMeta {
  readonly blueprint: string;
  readonly version: string;
}

export function buildFiles(model: Model, meta: BuildMeta): Map<string, string> {
  const plan = planDeployment(model);
  const arm = emitArm(plan, meta);
  const files = new Map<string, string>();
  files.set("main.json", JSON.stringify(arm.template, null, 2) + "\n");
  files.set("main.parameters.json", JSON.stringify(arm.parameters, null, 2) + "\n");
  const bicep = mainBicep(plan, meta);
  files.set("main.bicep", bicep.bicep);
  files.set("main.bicepparam", bicep.bicepparam);
  const tf = emitTerraform(plan, meta);
  files.set("main.tf", tf.mainTf);
  files.set("variables.tf", tf.variablesTf);
  files.set("outputs.tf", tf.outputsTf);
  files.set("deploy.sh", deploySh(plan, meta));
  files.set("verify.sh", verifySh(plan.analysis, meta));
  // A Windows jump box (the default) has no bash: verify.ps1 checks the same from PowerShell. It is
  // written when a jump box the blueprint deploys runs Windows, or when it deploys none (its OS is yours).
  if (windowsJumpBox(model)) files.set("verify.ps1", verifyPs1(plan.analysis, meta));
  files.set("workspace.yml", workspaceYml(plan.analysis, meta));
  files.set("README.md", readme(plan.analysis, meta, plan.template.scripted, plan.secrets));
  return files;
}

function windowsJumpBox(model: Model): boolean {
  const vms = model.ofType(T.vm).filter((v) => !v.existing);
  return vms.length === 0 || vms.some((v) => (v.properties as { osProfile?: { windowsConfiguration?: unknown } }).osProfile?.windowsConfiguration !== undefined);
}

/** What the README calls a resource: a role assignment by its description, a custom role by its role name. */
function described(r: Resource | undefined): string | undefined {
  if (r?.type === T.roleAssignment) return String(props.roleAssignment(r).description ?? r.name);
  if (r?.type === T.roleDefinition) return String(props.roleDefinition(r).roleName ?? r.name);
  return r?.name;
}

function readme(model: Analysis, meta: BuildMeta, manual: readonly ScriptedStep[], secrets: DeploymentPlan["secrets"]): string {
  const ws = model.ofType(T.workspace)[0];
  const rg = ws?.id.split("/")[4] ?? "<resource-group>";
  const zones = model.ofType(T.zone).map((z) => z.name).sort();
  const lines = [
    `<!-- ${generatedBy(meta)} -->`,
    `# Deployment of ${ws?.name ?? "the workspace"}`,
    "",
    "## Files",
    "",
    "- `main.json`, `main.parameters.json`: the ARM template (deployment template schema 2019-04-01) and its parameters.",
    "- `main.bicep`, `main.bicepparam`: the same resources in Bicep.",
    "- `main.tf`, `variables.tf`, `outputs.tf`: the same resources in Terraform (azurerm 4.x, and azapi for what azurerm can't express).",
    "- `deploy.sh`: deploys the template with the az CLI, then runs the steps a template can't do.",
    "- `verify.sh`: run from inside the VNet afterwards; checks every private name resolves to an endpoint address.",
    ...(windowsJumpBox(model.model) ? ["- `verify.ps1`: the same checks from PowerShell, for a Windows jump box (`powershell -ExecutionPolicy Bypass -File verify.ps1`)."] : []),
    "- `workspace.yml`: the workspace for `az ml workspace create --file`, if you create it with the ML CLI instead.",
    "",
    "## Deploy",
    "",
    "Three paths create the same resources. Each needs the Azure CLI logged in (`az login`); deploy.sh",
    "checks that, and the az extensions it calls, before it changes anything.",
    "",
    "With the az CLI and the ARM template (`--what-if` shows what would change, and stops):",
    "",
    "```sh",
    `RESOURCE_GROUP=${rg} LOCATION=${model.region} bash deploy.sh --what-if`,
    `RESOURCE_GROUP=${rg} LOCATION=${model.region} bash deploy.sh`,
    "```",
    "",
    "With Bicep: the same script deploys main.bicep and main.bicepparam (the parameters file reads",
    "the secrets from the same environment variables), then runs the steps a template can't do:",
    "",
    "```sh",
    `RESOURCE_GROUP=${rg} LOCATION=${model.region} bash deploy.sh --bicep`,
    "```",
    "",
    "which deploys the template as",
    "",
    "```sh",
    `az group create --name ${rg} --location ${model.region}`,
    `az deployment group create --resource-group ${rg} --template-file main.bicep --parameters main.bicepparam`,
    "```",
    "",
    "With Terraform (it creates the role assignments outside the resource group too), then the steps",
    "after the deployment:",
    "",
    "```sh",
    `az group create --name ${rg} --location ${model.region}`,
    'terraform init && terraform apply -var "subscription_id=$(az account show --query id --output tsv)"',
    `RESOURCE_GROUP=${rg} bash deploy.sh --after-terraform`,
    "```",
    "",
    "## Settings and secrets",
    "",
    "What the scripts and Terraform read from the environment:",
    "",
    `- \`RESOURCE_GROUP\` (deploy.sh): the resource group to deploy into (the blueprint's is ${rg}).`,
    `- \`LOCATION\` (deploy.sh): the region of the resource group and of the resources that follow the workspace's (the blueprint's is ${model.region}); Terraform's \`location\` variable.`,
    ...secrets.map((x) => `- \`${x.variable}\` (deploy.sh, Bicep's parameters file) and \`TF_VAR_${x.variable.toLowerCase()}\` (Terraform): ${x.description} Required; no default is written anywhere.`),
    "",
    ...(secrets.length
      ? [
          "Give a secret without it reaching your shell history, the process list or a file in the repository:",
          "read it into the environment (`read -rs NAME && export NAME`, nothing echoed), or have your",
          "pipeline map it from its secret store; never pass it on the command line.",
          "",
          "```sh",
          ...secrets.flatMap((x) => [`read -rs ${x.variable} && export ${x.variable}`, `export TF_VAR_${x.variable.toLowerCase()}="$${x.variable}"`]),
          "```",
          "",
        ]
      : []),
  ];
  const mn = props.workspace(ws).managedNetwork;
  if (mn && mn.isolationMode !== "Disabled")
    lines.push("deploy.sh also provisions the managed network, which must exist before the first online deployment (F34).", "");
  // Shared keys off: people reach the default storage with their own identity.
  const storage = model.get(props.workspace(ws).storageAccount);
  if (storage && props.storage(storage).allowSharedKeyAccess === false) {
    const people = roleAssignments(model).filter((a) => !a.principal.startsWith("/") && a.scope.toLowerCase() === storage.id.toLowerCase());
    lines.push("## Access for people", "");
    lines.push(
      people.length
        ? `Storage \`${storage.name}\` takes no shared keys, so its users reach blobs and notebooks (file shares) with their own identity; the deployment gives the people and groups of workspace.users Storage Blob Data Contributor and Storage File Data Privileged Contributor on it.`
        : `Storage \`${storage.name}\` takes no shared keys, so everyone who uses the workspace needs Storage Blob Data Contributor and Storage File Data Privileged Contributor on it. List them (object ids) under workspace.users and build again, or assign those roles yourself.`,
      "",
    );
  }
  // "How to securely integrate Azure Machine Learning and Azure Synapse" (SYN): the managed VNet
  // does not guard the Synapse workspace itself, and deploy.sh calls its data plane.
  const synapses = model.ofType(T.synapse);
  if (synapses.length) {
    lines.push("## Reaching Synapse", "");
    for (const syn of synapses) {
      const ranges = model.children(syn.id, T.synapseFirewallRule).map((r) => `${props.synapseFirewallRule(r).startIpAddress}-${props.synapseFirewallRule(r).endIpAddress}`);
      lines.push(
        props.synapse(syn).publicNetworkAccess === "Disabled"
          ? `- \`${syn.name}\` is private: it is reached through its Sql, SqlOnDemand and Dev endpoints only. deploy.sh's Synapse step (its managed private endpoint) stops unless it runs inside a VNet with those endpoints: run \`bash deploy.sh --after-terraform\` from there (for example the jump box) to finish, then verify.sh, which checks the Synapse names too.`
          : ranges.length
            ? `- \`${syn.name}\` keeps public network access, its firewall open only to ${ranges.map((x) => `\`${x}\``).join(", ")}: run deploy.sh from one of those addresses.`
            : `- \`${syn.name}\` keeps public network access with no firewall rule, so nobody reaches its data plane and deploy.sh's Synapse step fails: name your address under allowedRanges, or make it private (access: private).`,
      );
    }
    lines.push("");
  }
  if (manual.length) {
    lines.push("## Steps the template can't do", "");
    for (const m of manual) lines.push(`- ${model.get(m.id)?.type ?? ""} \`${described(model.get(m.id)) ?? m.id}\`, ${m.when} the template: ${m.reason}.`);
    lines.push("");
  }
  const pending = endpoints(model).filter((e) => e.status === "Pending");
  const mpes = [...model.ofType(T.synapseMpe), ...model.ofType(T.dataFactoryMpe)];
  // Custom approver roles in the resource group are in the template; those outside it are
  // deploy.sh's (or Terraform's), and need the rights to create roles there.
  const outsideRoles = model.ofType(T.roleDefinition).filter((d) => manual.some((m) => m.id.toLowerCase() === d.id.toLowerCase()));
  if (pending.length || mpes.length || outsideRoles.length) {
    lines.push("## Approvals", "");
    for (const d of outsideRoles)
      lines.push(
        `- The managed network's endpoints to ${String(d.scope).split("/")[4]} are of types Azure AI Enterprise Network Connection Approver doesn't cover: deploy.sh creates the custom role \`${props.roleDefinition(d).roleName}\` (its name ends with a hash of the group's id) with their approve actions, assignable in that group only, and assigns it to the workspace identity there. Run it as someone who may create roles and role assignments in that group (Owner or User Access Administrator).`,
      );
    // deploy.sh approves the managed private endpoints this deployment creates on the workspace;
    // only connections to other owners' resources wait for someone else.
    for (const e of pending) lines.push(`- Ask the owner of \`${e.targetId}\` to approve private endpoint \`${e.pe.name}\` (deploy.sh says so when it ends).`);
    if (mpes.length)
      lines.push(`- deploy.sh waits for the managed private endpoint${mpes.length > 1 ? "s" : ""} ${mpes.map((m) => `\`${m.name}\``).join(", ")} to reach workspace \`${ws?.name}\` and approves ${mpes.length > 1 ? "them" : "it"} (no one else's).`);
    lines.push("");
  }
  if (zones.length) {
    lines.push("## Private DNS zones", "", "Names in these zones must resolve to private addresses from inside the VNets:", "");
    for (const z of zones) lines.push(`- \`${z}\``);
    lines.push("");
  }
  return lines.join("\n");
}
