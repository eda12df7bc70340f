// The vocabulary of a flow: where it starts, where it goes, the hops a trace walks and its
// verdict; and the address and name matching that hops share.
import type { Resource } from "../core/types.ts";
import { contains, parseCidr } from "../core/net/cidr.ts";

export type Protocol = "Tcp" | "Udp";

/** Where a flow starts. */
export type Source =
  | {
      readonly kind: "subnet";
      readonly name: string;
      readonly subnetId: string;
      /** The NIC traffic leaves through (a VM client's): its NSG and application security groups apply. */
      readonly nicId?: string;
      /** The addresses it comes from when narrower than the subnet (`--from 10.0.1.7`). */
      readonly prefix?: string;
      /** The resource the flow starts from (a compute, an AKS cluster, a client's VM), by id: names may repeat. */
      readonly origin?: string;
    }
  | { readonly kind: "on-premises"; readonly name: string; readonly prefixes: readonly string[]; readonly gatewayId?: string; readonly dnsServers: readonly string[] }
  | { readonly kind: "internet"; readonly name: string; readonly ip: string }
  | { readonly kind: "managed"; readonly name: string; readonly workspace: Resource }
  /** A managed online endpoint's deployment pulling its model, image and secrets (F47). */
  | { readonly kind: "deployment"; readonly name: string; readonly endpoint: Resource; readonly workspace: Resource }
  | { readonly kind: "synapse-spark"; readonly name: string; readonly synapse: Resource };

/** Where it goes: a DNS name (of a model resource or not), a service tag, or into a subnet from a service. */
export type Destination =
  | { readonly kind: "name"; readonly fqdn: string; readonly port: number; readonly protocol: Protocol; readonly target?: Resource; readonly group?: string }
  | { readonly kind: "tag"; readonly tag: string; readonly port: number; readonly protocol: Protocol }
  | { readonly kind: "inbound"; readonly tag: string; readonly port: number; readonly protocol: Protocol; readonly subnetId: string };

export type Step = "dns" | "route" | "nsg" | "endpoint" | "firewall" | "egress" | "service" | "managed-network" | "synapse";

export interface Hop {
  readonly step: Step;
  readonly ok: boolean;
  readonly detail: string;
  /** The change that removes this blocker. */
  readonly fix?: string;
  readonly facts?: readonly string[];
  /** The resource this hop passes or is decided at (an endpoint, a firewall, a service's own gate), when one is. */
  readonly resourceId?: string;
}

export interface Trace {
  readonly from: string;
  readonly to: string;
  readonly hops: readonly Hop[];
  /**
   * `unknown` when the flow is blocked on the way only because of a value the input can't know
   * (a VNet, zone or subnet of another deployment): never BLOCKED with a made-up fix.
   */
  readonly verdict: "pass" | "fail" | "unknown";
  /** What an unknown verdict rests on. */
  readonly unknowns?: readonly string[];
}

export function describe(d: Destination): string {
  if (d.kind === "name") return `${d.fqdn}:${d.port}`;
  if (d.kind === "tag") return `${d.tag}:${d.port}/${d.protocol.toLowerCase()}`;
  return `${d.tag} -> ${d.subnetId.split("/").slice(-3).join("/")}:${d.port}`;
}

/** `*.example.com` matches any name under example.com; otherwise names match exactly. */
export function fqdnMatches(pattern: string, fqdn: string): boolean {
  const p = pattern.toLowerCase();
  return p.startsWith("*.") ? fqdn.endsWith(p.slice(1)) : p === fqdn;
}

/** Whether an address lies in one of the prefixes (used by gates and firewalls). */
export function inPrefixes(ip: string, prefixes: readonly string[]): boolean {
  const a = parseCidr(ip, true);
  return !!a && prefixes.some((p) => {
    const c = parseCidr(p, true);
    return !!c && contains(c, a);
  });
}
