// verify.ps1: verify.sh for a Windows jump box (the blueprint's default), in PowerShell: every
// private name resolved with Resolve-DnsName must land in a subnet that holds its target's
// endpoint, then the workspace API reached over the private path with Test-NetConnection. The
// same checks as verify.sh (verification()); every value written into the script goes through
// psQuote or psName, never into code.
import type { Analysis } from "../../core/analysis.ts";
import { generatedBy } from "../generated-by.ts";
import { verification } from "./verify-sh.ts";

/** A PowerShell single-quoted string literal: nothing inside it is expanded ('' is a quote). */
export function psQuote(value: string): string {
  // Curly single quotes close a PowerShell string too; control characters have no place in it.
  return `'${value.replace(/[\u0000-\u001f\u007f]/g, "").replace(/['\u2018\u2019\u201a\u201b]/g, "''")}'`;
}

/** A name holding $WSID and $REGION as a PowerShell expression: literal parts quoted, the two variables joined in. */
export function psName(fqdn: string): string {
  const parts = fqdn.split(/(\$WSID|\$REGION)/).filter((p) => p !== "");
  return `(${parts.map((p) => (p === "$WSID" ? "$WsId" : p === "$REGION" ? "$Region" : psQuote(p))).join(" + ")})`;
}

export function verifyPs1(model: Analysis, meta: { blueprint: string; version: string }): string {
  const v = verification(model);
  return [
    `# ${generatedBy(meta)}`,
    "# Run from a Windows machine inside the VNet after deployment (the jump box): checks that every private name resolves privately.",
    "#Requires -Version 5.1",
    "$ErrorActionPreference = 'Stop'",
    `$ResourceGroup = if ($env:RESOURCE_GROUP) { $env:RESOURCE_GROUP } else { ${psQuote(v.resourceGroup)} }`,
    `$Region = if ($env:LOCATION) { $env:LOCATION } else { ${psQuote(v.region)} }`,
    `$Workspace = ${psQuote(v.workspace)}`,
    "$Failures = 0",
    "",
    "# Whether a dotted IPv4 address is inside a prefix (a.b.c.d/n).",
    "function Test-InPrefix([string] $Ip, [string] $Prefix) {",
    "  $base, $bits = $Prefix -split '/'",
    "  $toInt = { param($a) $b = ([System.Net.IPAddress]::Parse($a)).GetAddressBytes(); [uint32]$b[0] -shl 24 -bor [uint32]$b[1] -shl 16 -bor [uint32]$b[2] -shl 8 -bor [uint32]$b[3] }",
    "  $shift = 32 - [int]$bits",
    "  if ($shift -ge 32) { return $true }",
    "  return ((& $toInt $Ip) -shr $shift) -eq ((& $toInt $base) -shr $shift)",
    "}",
    "",
    "# Expect-Private NAME PREFIX...: NAME must resolve to an address inside one of the prefixes.",
    "function Expect-Private([string] $Name, [string[]] $Prefixes) {",
    "  $answer = Resolve-DnsName -Name $Name -Type A -ErrorAction SilentlyContinue | Where-Object { $_.Type -eq 'A' } | Select-Object -First 1",
    "  if (-not $answer) { Write-Output \"FAIL $Name does not resolve\"; $script:Failures++; return }",
    "  $ip = $answer.IPAddress",
    "  foreach ($prefix in $Prefixes) { if (Test-InPrefix $ip $prefix) { Write-Output \"ok   $Name -> $ip ($prefix)\"; return } }",
    "  Write-Output \"FAIL $Name -> $ip, expected an address in $($Prefixes -join ' ')\"; $script:Failures++",
    "}",
    "",
    "# The workspace id (a GUID) names the workspace's own hosts (F09).",
    "$WsId = az resource show --resource-group $ResourceGroup --resource-type Microsoft.MachineLearningServices/workspaces --name $Workspace --query properties.workspaceId --output tsv",
    "",
    ...v.checks.map((c) => `Expect-Private ${psName(c.fqdn)} @(${c.prefixes.map(psQuote).join(", ")})`),
    "",
    "# The workspace API over the private path: a TCP connection on 443 proves the path.",
    `$Api = ${psName(v.api)}`,
    "if ((Test-NetConnection -ComputerName $Api -Port 443 -WarningAction SilentlyContinue).TcpTestSucceeded) { Write-Output \"ok   workspace API $Api reachable on 443\" } else { Write-Output \"FAIL workspace API $Api unreachable\"; $Failures++ }",
    "",
    "if ($Failures -gt 0) { Write-Output \"$Failures check(s) failed\"; exit 1 }",
    "Write-Output 'All private names resolve inside the VNet.'",
    "",
  ].join("\n");
}
