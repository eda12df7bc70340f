// Endpoint targets the built-in "Azure AI Enterprise Network Connection Approver" role can't
// approve. "Workspace managed virtual network isolation" [MVNET] names Data Factory, Databricks
// and Function Apps as outside it, and the role's definition ("Azure built-in roles" [ROLES])
// holds no Microsoft.DataFactory, Microsoft.Databricks or Microsoft.Web action. For these the
// workspace identity needs a role with the target's own approve actions (read the target and its
// private endpoint connections, write a connection's state), which the provider operations list
// ("Azure permissions") gives per type. Other types stay with the built-in role: its definition has
// grown over time, so a type not listed here is never judged uncovered.

export interface ApprovalOutsideRole {
  /** What the documentation calls it. */
  readonly label: string;
  /** The actions that approve a private endpoint connection to it. */
  readonly actions: readonly string[];
}

const OUTSIDE: ReadonlyMap<string, ApprovalOutsideRole> = new Map([
  [
    "microsoft.datafactory/factories",
    { label: "Data Factory", actions: ["Microsoft.DataFactory/factories/read", "Microsoft.DataFactory/factories/privateEndpointConnections/read", "Microsoft.DataFactory/factories/privateEndpointConnections/write"] },
  ],
  [
    "microsoft.databricks/workspaces",
    { label: "Databricks", actions: ["Microsoft.Databricks/workspaces/read", "Microsoft.Databricks/workspaces/privateEndpointConnections/read", "Microsoft.Databricks/workspaces/privateEndpointConnections/write"] },
  ],
  [
    "microsoft.web/sites",
    {
      label: "Function App",
      actions: ["Microsoft.Web/sites/Read", "Microsoft.Web/sites/privateEndpointConnections/Read", "Microsoft.Web/sites/privateEndpointConnections/Write", "Microsoft.Web/sites/PrivateEndpointConnectionsApproval/action"],
    },
  ],
]);

/** For a target type the approver role doesn't cover, what approving its endpoints takes. */
export function approvalOutsideRole(type: string | undefined): ApprovalOutsideRole | undefined {
  return type ? OUTSIDE.get(type.toLowerCase()) : undefined;
}

/** Whether a role action pattern (`*` matches anything; case-insensitive) grants `action`. */
export function actionGrants(pattern: string, action: string): boolean {
  const p = pattern.toLowerCase();
  const a = action.toLowerCase();
  if (!p.includes("*")) return p === a;
  const parts = p.split("*");
  if (!a.startsWith(parts[0]) || !a.endsWith(parts[parts.length - 1])) return false;
  let at = parts[0].length;
  for (const part of parts.slice(1, -1)) {
    const found = a.indexOf(part, at);
    if (found < 0) return false;
    at = found + part.length;
  }
  return at <= a.length - parts[parts.length - 1].length;
}
