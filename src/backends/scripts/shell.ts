// Small helpers for the generated shell scripts.
import { DEFAULT_SUBSCRIPTION } from "../../core/ids.ts";
import { generatedBy } from "../generated-by.ts";

/** Single-quotes a value for bash. */
export function q(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

export function shellHeader(meta: { blueprint: string; version: string }, purpose: string): string[] {
  return ["#!/usr/bin/env bash", `# ${generatedBy(meta)}`, `# ${purpose}`, "set -euo pipefail", ""];
}

/**
 * A resource id for a double-quoted bash word: the placeholder subscription becomes
 * "$SUBSCRIPTION" and the template's own group "$RESOURCE_GROUP", so the script works wherever
 * it deploys. Anything unusual in an id is single-quoted instead.
 */
export function shellId(id: string, group: string): string {
  if (!/^[\w/.()-]+$/.test(id)) return q(id);
  let out = id.replace(`/subscriptions/${DEFAULT_SUBSCRIPTION}`, "/subscriptions/${SUBSCRIPTION}");
  if (out.startsWith("/subscriptions/${SUBSCRIPTION}/")) out = out.replace(new RegExp(`/resourceGroups/${group}(?=/|$)`, "i"), "/resourceGroups/${RESOURCE_GROUP}");
  return `"${out}"`;
}

/** Whether a script needs $SUBSCRIPTION (it names a resource of the placeholder subscription). */
export function usesSubscription(lines: readonly string[]): boolean {
  return lines.some((l) => l.includes("${SUBSCRIPTION}"));
}
