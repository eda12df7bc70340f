// The vendor-neutral model every front end produces and every analysis and back end reads.
// Resources keep Azure's own vocabulary (ARM type, name, ARM-shaped properties) because that is
// the common language of ARM, Bicep, Terraform's azapi and the documents the rules cite; the
// edges between resources are derived from the references inside those properties (model.ts).

import type { SourcePath } from "./source.ts";

export interface Resource {
  /** ARM resource id; identity in the model (compared case-insensitively, as Azure does). */
  readonly id: string;
  /** ARM type, e.g. `Microsoft.Network/privateEndpoints` or `.../virtualNetworks/subnets`. */
  readonly type: string;
  /** ARM name; child resources use `parent/child`. */
  readonly name: string;
  readonly location?: string;
  readonly kind?: string;
  readonly sku?: { name: string; tier?: string };
  readonly identity?: Identity;
  readonly properties: Props;
  /** For extension resources (role assignments, AKS extensions): the id of the resource they apply to. */
  readonly scope?: string;
  /**
   * Resources this one must be created after although its properties don't name them: a
   * Kubernetes compute can only be attached once the cluster runs the Azure ML extension.
   */
  readonly dependsOn?: readonly string[];
  /**
   * Facts about the resource that its ARM API version has no property for but that the documents
   * make matter (a deployment's legacy egress flag, an approval given on the other side).
   */
  readonly intent?: Props;
  /** Referenced, not created by this deployment (a resource id given in the blueprint). */
  readonly existing?: boolean;
  /** Where in the source this resource comes from, for diagnostics. */
  readonly source?: SourcePath;
  /**
   * Findings the input silences on this resource, each with its reason: a template's, an estate's
   * or a Terraform resource's tag `amlnet:suppress` ("AML037=reason; AML026=reason"), as Checkov's
   * skip comments and PSRule's suppression groups do.
   */
  readonly suppress?: readonly { readonly rule: string; readonly reason: string }[];
  /**
   * Set when the input only refers to this resource (an imported template's subnet in a VNet it
   * doesn't deploy): nothing is known but its id, and every property read is an unknown read.
   */
  readonly unknown?: Unknown;
}

/**
 * A value given at deployment time and never written down (a VM's admin password): back ends
 * turn it into a secure parameter without a default (ARM secureString, Bicep @secure(),
 * Terraform sensitive variable).
 */
export interface Secret {
  readonly $secret: { readonly name: string; readonly description: string };
}

export function isSecret(v: unknown): v is Secret {
  return !!v && typeof v === "object" && "$secret" in v;
}

/**
 * A value Azure knows only at deployment (the tenant of the subscription): each back end writes it
 * in its own syntax. Model strings are always literals; this marker is the only expression.
 */
export interface DeploymentValue {
  readonly $deployment: "tenantId";
}

export const TENANT_ID: Readonly<DeploymentValue> = { $deployment: "tenantId" };

export function isDeploymentValue(v: unknown): v is DeploymentValue {
  return !!v && typeof v === "object" && "$deployment" in v;
}

/**
 * A value an imported template can't know before deployment (a parameter without a value, the
 * output of reference()): it remembers why and where. Rules never judge one as if it were known.
 */
export interface Unknown {
  readonly unknown: true;
  /** Why, e.g. "reference(...)" or "parameters('vnetId') has no value". */
  readonly reason: string;
  /** Offset in the expression string that made it unknown. */
  readonly at: number;
  /** Where that expression is in the source. */
  readonly path?: SourcePath;
}

export const isUnknown = (v: unknown): v is Unknown => !!v && typeof v === "object" && (v as Unknown).unknown === true;

// ARM properties are open-ended JSON; code reads them through the typed views of props.ts (an
// analysis through its own, which record unknown reads).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Props = Record<string, any>;

export interface Identity {
  type: "SystemAssigned" | "UserAssigned" | "SystemAssigned,UserAssigned" | "None";
  userAssignedIdentities?: Record<string, object>;
}

/** Studio features a client can be used for (F44, F45). */
export type StudioUse = "workspace" | "notebooks" | "data" | "computeInstanceApps";

/** A place traffic comes from that is not an Azure resource of this deployment. */
export interface Client {
  readonly name: string;
  readonly kind: "vm" | "on-premises" | "internet" | "synapse-spark";
  /** The studio features the client is used for (studio exits 1 only when one of these is blocked). */
  readonly uses?: readonly StudioUse[];
  /** Subnet resource id (vm). */
  readonly subnet?: string;
  /**
   * The VM resource id the client is, when the client is read from the model (an estate's VMs):
   * its NIC's NSG and security groups then apply, whatever other VM shares its name.
   */
  readonly vm?: string;
  /** Bastion resource id the vm is reached through. */
  readonly via?: string;
  /** Gateway resource id (on-premises). */
  readonly gateway?: string;
  readonly prefixes?: readonly string[];
  /** DNS servers the client uses (on-premises forwarders). */
  readonly dnsServers?: readonly string[];
  /** Public address (internet). */
  readonly ip?: string;
  /** Synapse workspace resource id (synapse-spark). */
  readonly synapse?: string;
  readonly source?: SourcePath;
}

/** A custom DNS server (a VM or appliance) and its conditional forwarders (F10, F67). */
export interface DnsServer {
  readonly name: string;
  readonly ip: string;
  /** VNet resource id whose Azure DNS the server itself uses. */
  readonly vnet: string;
  readonly forwarders: readonly { domain: string; target: string }[];
  readonly source?: SourcePath;
}

/** Intent that has no ARM resource of its own but that rules need. */
export interface Features {
  readonly mlAssistedLabeling?: boolean;
  readonly roleAssignments: "auto" | "manual";
}

export interface ModelInput {
  readonly cloud: Cloud;
  readonly region: string;
  readonly resources: readonly Resource[];
  readonly clients: readonly Client[];
  readonly dnsServers: readonly DnsServer[];
  readonly features: Features;
  /**
   * The front end wrote every value itself (a blueprint's expansion): the model holds no unknowns,
   * so an analysis needn't look for them.
   */
  readonly known?: boolean;
  /**
   * No property value is unknown (an exported estate's are what Azure returned): what the input
   * can't tell is only its placeholders and what it can't hold at all, so reading a property needs
   * no tracking.
   */
  readonly valuesKnown?: boolean;
  /**
   * The resources by lower-case id, as the front end's mapping keyed them (core/bodies.ts): the
   * model takes it as its own index when it holds exactly these resources in this order.
   */
  readonly byKey?: ReadonlyMap<string, Resource>;
  /**
   * Resources by ids spelled as the input's references spell them (the mapping looked each up
   * once): the model starts its look-ups by exact id from these when it adopts `byKey`, and owns
   * the map from then on (it learns more spellings into it).
   */
  readonly exactIds?: ReadonlyMap<string, Resource>;
}

export type Cloud = "AzureCloud" | "AzureChinaCloud" | "AzureUSGovernment";
