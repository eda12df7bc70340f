// verify.sh: run from inside the VNet after deployment. Resolves every private name (F09: the
// workspace's, its online endpoints' scoring names, its dependencies') and
// expects an address inside a subnet that holds that target's endpoint; then reaches the workspace
// API over the private path. Generated from the model, so it names the exact FQDNs.
import type { Analysis } from "../../core/analysis.ts";
import { endpointsTo } from "../../core/views.ts";
import { T } from "../../core/registry.ts";
import { resourceFqdn, suffixes, workspaceNames } from "../../core/names.ts";
import { q, shellHeader } from "./shell.ts";
import type { Resource } from "../../core/types.ts";
import { props } from "../../core/props.ts";

/** What verify.sh and verify.ps1 check: each private name (with $WSID and $REGION in it) and the prefixes its address must be in. */
export interface Verification {
  readonly resourceGroup: string;
  readonly region: string;
  readonly workspace: string;
  readonly checks: readonly { readonly fqdn: string; readonly prefixes: readonly string[] }[];
  /** The workspace API's name, reached over the private path. */
  readonly api: string;
}

export function verification(model: Analysis): Verification {
  const ws = model.ofType(T.workspace)[0];
  const rg = ws.id.split("/")[4];
  const s = suffixes(model.cloud);
  const prefixesOf = (target: Resource, group?: string) =>
    [...new Set(endpointsTo(model, target, group).map((e) => props.subnet(model.get(e.subnetId)).addressPrefix).filter((p): p is string => !!p))].sort();
  const checks: { fqdn: string; prefixes: string[] }[] = [];
  // The deployment's region is deploy.sh's LOCATION (the blueprint's by default): names that carry
  // it (the workspace's, its scoring and registry data names) carry $REGION.
  const region = model.region.toLowerCase();
  const regional = (fqdn: string) => fqdn.split(`.${region}.`).join(".$REGION.").replace(new RegExp(`^(ml-.*)-${region}-(\\$WSID\\.)`), "$1-$$REGION-$2");
  const check = (name: string, prefixes: string[]) => {
    if (prefixes.length) checks.push({ fqdn: regional(name), prefixes });
  };
  const names = workspaceNames(model.cloud, ws.location ?? model.region, ws.name, "$WSID");
  const wsPrefixes = prefixesOf(ws, "amlworkspace");
  names.api.forEach((n) => check(n, wsPrefixes));
  check(names.notebooks, wsPrefixes);
  const short = (r: Resource) => r.name.slice(r.name.lastIndexOf("/") + 1);
  const st = model.get(props.workspace(ws).storageAccount);
  if (st) for (const g of ["blob", "file", "dfs", "queue", "table", "web"]) check(`${short(st)}.${g}.${s.storage}`, prefixesOf(st, g));
  const kv = model.get(props.workspace(ws).keyVault);
  if (kv) check(`${short(kv)}.${s.vault}`, prefixesOf(kv));
  // Online endpoints are scored through the workspace's endpoint (F09, F47).
  for (const e of model.children(ws.id, T.onlineEndpoint)) check(resourceFqdn(model, e)!, wsPrefixes);
  const acr = model.get(props.workspace(ws).containerRegistry);
  if (acr) {
    check(`${short(acr).toLowerCase()}.${s.acr}`, prefixesOf(acr));
    check(`${short(acr).toLowerCase()}.${ws.location ?? model.region}.data.${s.acr}`, prefixesOf(acr));
  }
  // A Synapse workspace with endpoints of its own (private access); deploy.sh's Synapse step needs
  // these names to resolve privately.
  for (const syn of model.ofType(T.synapse)) for (const group of ["Sql", "SqlOnDemand", "Dev"]) check(resourceFqdn(model, syn, group)!, prefixesOf(syn, group));
  return { resourceGroup: rg, region, workspace: ws.name, checks, api: regional(names.api[0]) };
}

export function verifySh(model: Analysis, meta: { blueprint: string; version: string }): string {
  const v = verification(model);
  const checks = v.checks.map((c) => `expect_private ${c.fqdn.includes("$") ? `"${c.fqdn}"` : q(c.fqdn)} ${c.prefixes.map(q).join(" ")}`);
  return [
    ...shellHeader(meta, "Run from a machine inside the VNet after deployment: checks that every private name resolves privately."),
    `RESOURCE_GROUP="\${RESOURCE_GROUP:-${v.resourceGroup}}"`,
    `REGION="\${LOCATION:-${v.region}}"`,
    `WORKSPACE=${q(v.workspace)}`,
    "failures=0",
    "",
    "# Integer form of a dotted IPv4 address.",
    "ip_to_int() {",
    "  local a b c d",
    '  IFS=. read -r a b c d <<< "$1"',
    "  echo $(( (a << 24) + (b << 16) + (c << 8) + d ))",
    "}",
    "",
    "# expect_private NAME PREFIX...: NAME must resolve to an address inside one of the prefixes.",
    "expect_private() {",
    '  local name="$1"; shift',
    "  local ip",
    '  ip="$(getent ahostsv4 "$name" | awk \'NR == 1 { print $1 }\' || true)"',
    '  if [ -z "$ip" ]; then echo "FAIL $name does not resolve"; failures=$((failures + 1)); return; fi',
    "  local prefix base bits",
    '  for prefix in "$@"; do',
    '    base="${prefix%/*}"; bits="${prefix#*/}"',
    '    if (( ($(ip_to_int "$ip") >> (32 - bits)) == ($(ip_to_int "$base") >> (32 - bits)) )); then echo "ok   $name -> $ip ($prefix)"; return; fi',
    "  done",
    '  echo "FAIL $name -> $ip, expected an address in $*"; failures=$((failures + 1))',
    "}",
    "",
    "# The workspace id (a GUID) names the workspace's own hosts (F09).",
    'WSID="$(az resource show --resource-group "$RESOURCE_GROUP" --resource-type Microsoft.MachineLearningServices/workspaces --name "$WORKSPACE" --query properties.workspaceId --output tsv)"',
    "",
    ...checks,
    "",
    "# The workspace API over the private path: any HTTP status proves the path; a timeout does not.",
    "token=\"$(az account get-access-token --resource https://management.azure.com/ --query accessToken --output tsv)\"",
    // The token reaches curl on its standard input (--header @-), not on its command line, where
    // every user of the machine could read it; printf is a bash builtin.
    `status="$(printf 'Authorization: Bearer %s\\n' "$token" | curl --silent --output /dev/null --max-time 15 --write-out '%{http_code}' --header @- "https://${v.api}/" || true)"`,
    'if [ "$status" = "000" ] || [ -z "$status" ]; then echo "FAIL workspace API unreachable"; failures=$((failures + 1)); else echo "ok   workspace API answered HTTP $status"; fi',
    "",
    'if [ "$failures" -gt 0 ]; then echo "$failures check(s) failed"; exit 1; fi',
    'echo "All private names resolve inside the VNet."',
    "",
  ].join("\n");
}
