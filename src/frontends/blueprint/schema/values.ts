// Values the sections share: names, addresses and prefixes, ports, FQDNs, service tags, resource ids, subnet references and suppressions.
import * as z from "zod";
import { serviceTag } from "../../../core/knowledge/service-tags.ts";

export const name = (what: string) =>
  z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,79}$/, "letters, digits, '-', '_' and '.', starting with a letter or digit")
    .describe(what);
// IPv4 with each octet 0-255 and a prefix length 0-32 (300.300.300.300 is no address).
const OCTET = "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
const IPV4 = `${OCTET}(\\.${OCTET}){3}`;
const LENGTH = "(3[0-2]|[12]?\\d)";
export const IPV4_RE = new RegExp(`^${IPV4}$`);
export const PREFIX_RE = new RegExp(`^${IPV4}\\/${LENGTH}$`);
export const prefix = z.string().regex(PREFIX_RE, "an IPv4 prefix such as 10.0.0.0/16");
export const ipOrPrefix = z.string().regex(new RegExp(`^${IPV4}(\\/${LENGTH})?$`), "an IPv4 address or prefix");
export const ip = z.string().regex(IPV4_RE, "an IPv4 address");
/**
 * NSG ports: *, a port, a range low-high, or a comma list of those, each 0-65535 with low <= high
 * ("Network security groups": 99999-1 is refused by Azure).
 */
export const ports = z
  .string()
  .refine((v) => v === "*" || v.split(",").every((part) => validPortRange(part.trim())), "a port (0-65535), a range low-high, a comma list of these, or *");

/** A DNS name (any case), optionally starting with `*.`. */
export const fqdn = z
  .string()
  .regex(/^(\*\.)?([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)*[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/, "a DNS name such as pypi.org or *.example.com");
export const tag = z.string().refine((v) => serviceTag(v) !== undefined, "a service tag Azure knows, such as Storage or Storage.eastus");
/** An NSG or route end: *, an address or prefix, or a service tag. */
export const addressOrTag = z
  .string()
  .refine((v) => v === "*" || new RegExp(`^${IPV4}(\\/${LENGTH})?$`).test(v) || serviceTag(v) !== undefined, "*, an IPv4 address or prefix, or a service tag such as VirtualNetwork");
export const regionName = z.string().regex(/^[a-z][a-z0-9]*$/, "an Azure region name such as eastus");
/** A DNS domain for forwarding, optionally ending with a dot. */
export const domainName = z.string().regex(/^([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)*[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.?$|^\.$/, "a DNS domain such as api.azureml.ms");
/** A private-link sub-resource (groupId). */
export const groupId = z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, "a sub-resource (groupId) such as blob or sqlServer");
/** Azure VM sizes: Standard_..., Basic_... */
export const vmSize = z.string().regex(/^(Standard|Basic)_[A-Za-z0-9_-]{1,40}$/, "a VM size such as Standard_DS3_v2");

function validPortRange(part: string): boolean {
  const m = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(part);
  if (!m) return false;
  const low = Number(m[1]);
  const high = m[2] === undefined ? low : Number(m[2]);
  return low <= high && high <= 65535;
}
export const armId = z
  .string()
  .regex(/^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/.+/i, "an ARM resource id")
  .describe("Resource id of an existing resource: it is referenced, not created.");
export const subnetRef = z
  .string()
  .regex(/^[^/\s]+\/[^/\s]+$/, "'<vnet>/<subnet>'")
  .describe("A subnet of this blueprint, written <vnet>/<subnet>.");
export const access = z.enum(["Enabled", "Disabled"]);

export const Suppression = z
  .object({
    rule: z.string().regex(/^AML\d{3}$/, "a rule id such as AML012").describe("The rule to silence here."),
    reason: z.string().min(3).describe("Why the finding does not apply: required, and shown in reports."),
  })
  .strict();
/** Findings located at or under the object holding `suppress` are silenced, each with a reason. */
export const suppress = z.array(Suppression).optional().describe("Rules silenced for this object and what it contains.");
