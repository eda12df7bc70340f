// Names a back end gives a resource in its own language (Bicep symbols, Terraform labels): words
// from the resource's kind and name, so `vnet-access` becomes `vnetAccess` or `vnet_access`.
import type { Resource } from "../core/types.ts";
import { azureType, T } from "../core/registry.ts";
import { props } from "../core/props.ts";


/** The words that name a resource; the first is its kind unless `withKind` is false. */
export function nameWords(r: Resource, withKind = true): string[] {
  const short = azureType(r.type).symbol;
  // Role assignments are named by role and principal, custom roles by their role name, not by their GUID.
  const byGuid = r.type === T.roleAssignment || r.type === T.roleDefinition;
  const label =
    r.type === T.roleAssignment
      ? String(props.roleAssignment(r).description ?? "").replace(/\(amlnet\)$/, "").replace(/ for /, " ")
      : r.type === T.roleDefinition
        ? String(props.roleDefinition(r).roleName ?? "")
        : r.name;
  const words = `${withKind || byGuid ? short : ""} ${label}`.split(/[^A-Za-z0-9]+/).filter(Boolean);
  return words.filter((w, i) => i === 0 || w.toLowerCase() !== words[i - 1].toLowerCase());
}

/** A Bicep symbol: lower camel case, never starting with a digit. */
export function camelSymbol(r: Resource): string {
  const s = nameWords(r)
    .map((w, i) => (i === 0 ? w.charAt(0).toLowerCase() + w.slice(1) : w.charAt(0).toUpperCase() + w.slice(1)))
    .join("");
  return /^[0-9]/.test(s) ? `r${s}` : s;
}

/** A Terraform label: snake case of the resource's name, never starting with a digit. */
export function snakeLabel(r: Resource): string {
  const s = nameWords(r, false)
    .map((w) => w.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase())
    .join("_");
  return /^[0-9]/.test(s) ? `r${s}` : s;
}

/**
 * Names given in one file: `unique(base)` is `base`, or `base2`, `base3`... whichever is still
 * free, and records it. Numbering resumes where the last name of a base stopped, so a thousand
 * resources named alike cost a thousand steps, not half a million.
 */
export class Symbols {
  private readonly used: Set<string>;
  private readonly next = new Map<string, number>();

  constructor(
    reserved: Iterable<string> = [],
    private readonly separator = "",
  ) {
    this.used = new Set(reserved);
  }

  reserve(name: string): void {
    this.used.add(name);
  }

  unique(base: string): string {
    let s = base;
    if (this.used.has(s)) {
      let i = this.next.get(base) ?? 2;
      while (this.used.has((s = `${base}${this.separator}${i}`))) i++;
      this.next.set(base, i + 1);
    }
    this.used.add(s);
    return s;
  }
}
