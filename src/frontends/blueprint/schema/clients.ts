// Who uses the workspace and from where; role assignments stated by hand.
import * as z from "zod";
import { ip, name, prefix, subnetRef, suppress, vmSize } from "./values.ts";

/** What a person does from a client in the studio (F44, F45); `amlnet studio` expects these to work. */
const uses = z
  .array(z.enum(["workspace", "notebooks", "data", "computeInstanceApps"]))
  .default(["workspace", "notebooks", "data", "computeInstanceApps"])
  .describe("Studio features used from this client: workspace pages and jobs, notebooks, data (preview, designer, AutoML, labeling), compute instance apps. studio exits 1 only when one of these is blocked.");

export const Client = z.discriminatedUnion("kind", [
  z
    .object({
      kind: z.literal("vm"),
      name: name("Client name."),
      subnet: subnetRef,
      via: name("Bastion from networks.bastions.").optional(),
      uses,
      deploy: z
        .object({
          os: z.enum(["windows", "linux"]).default("windows"),
          // The official ARM schema lists sizes by enum and stops before v5; D2s_v3 is in it.
          size: vmSize.default("Standard_D2s_v3"),
          adminUsername: z.string().regex(/^[a-z][a-z0-9_-]{0,19}$/, "a lower-case user name of up to 20 characters").default("amlnetadmin"),
          nsg: name("An NSG from networks.nsgs for the VM's NIC (checked before the subnet's on the way out).").optional(),
          asgs: z.array(name("An application security group from networks.applicationSecurityGroups.")).default([]).describe("Groups the VM's NIC joins."),
        })
        .strict()
        .optional()
        .describe("Create this VM as a jump box (F50): a private NIC only, reached through Bastion; its admin password is asked at deployment, never stored."),
      suppress,
    })
    .strict(),
  z
    .object({
      kind: z.literal("on-premises"),
      name: name("Client name."),
      gateway: name("Gateway from networks.gateways."),
      prefixes: z.array(prefix).min(1),
      dnsServers: z.array(ip).default([]).describe("Where on-premises DNS forwards Azure names (F10)."),
      uses,
      suppress,
    })
    .strict(),
  z.object({ kind: z.literal("internet"), name: name("Client name."), ip, uses, suppress }).strict(),
  z.object({ kind: z.literal("synapse-spark"), name: name("Client name."), synapse: name("Synapse from integrations.synapse."), suppress }).strict(),
]);

export const RoleAssignment = z
  .object({
    principal: z.string().regex(/^(workspace|synapse\/[^/]+|aks\/[^/]+)$/, "workspace, synapse/<name> or aks/<name>"),
    role: z.enum(["networkConnectionApprover", "reader", "contributor", "networkContributor"]),
    scope: z
      .string()
      .regex(
        /^(resourceGroup|workspace|storage|keyVault|containerRegistry|(registry|aiServices|synapse|paas)\/[A-Za-z0-9][A-Za-z0-9_.-]*|\/subscriptions\/[^/\s]+\/resourceGroups\/[^/\s]+(\/providers\/[^\s]+)?)$/,
        "resourceGroup, workspace, storage, keyVault, containerRegistry, registry/<name>, aiServices/<name>, synapse/<name>, paas/<name> or a resource id",
      )
      .describe("resourceGroup, workspace, storage, an endpoint target (aiServices/<name>) or a resource id."),
  })
  .strict();
