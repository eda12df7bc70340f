// A generated hub-and-spoke blueprint for the benchmark, the shape platform teams build at scale:
// one workspace with its endpoints in the hub, and `spokes` spoke VNets peered to the hub. Each
// spoke is a team's own: an endpoint subnet with its own private endpoint to the workspace and one
// to the team's SQL server (so every spoke writes zone records and has its own zone groups), a
// training subnet with a cluster, a jump-box subnet with a deployed VM client, and role
// assignments of its own (the workspace identity as Reader on its SQL server). About 40
// resources a spoke.
export function hubAndSpokes(spokes: number): string {
  const lines = [
    "region: eastus",
    "resourceGroup: rg-bench",
    "workspace: { name: mlw-bench }",
    "storage: { name: stbench }",
    "keyVault: { name: kv-bench }",
    "containerRegistry: { name: crbench }",
    "networks:",
    "  vnets:",
    "    - { name: vnet-hub, addressSpace: [172.16.0.0/16], subnets: [{ name: snet-pe, purpose: endpoints, size: 24 }] }",
  ];
  // A /22 a spoke: 16,384 of them in 10.0.0.0/8, then 4,096 more in 100.64.0.0/10.
  const space = (i: number) => (i < 16384 ? `10.${i >> 6}.${(i & 63) << 2}.0/22` : `100.${64 + ((i - 16384) >> 6)}.${((i - 16384) & 63) << 2}.0/22`);
  for (let i = 0; i < spokes; i++)
    lines.push(
      `    - { name: vnet-s${i}, addressSpace: [${space(i)}], subnets: [{ name: snet-pe, purpose: endpoints, size: 24 }, { name: snet-train, purpose: training, size: 24 }, { name: snet-jump, purpose: jumpbox, size: 24 }] }`,
    );
  lines.push("  peerings:");
  for (let i = 0; i < spokes; i++) lines.push(`    - { between: [vnet-hub, vnet-s${i}] }`);
  lines.push("endpoints:", "  - subnet: vnet-hub/snet-pe");
  for (let i = 0; i < spokes; i++) lines.push(`  - { subnet: vnet-s${i}/snet-pe, targets: [workspace, paas/sql-s${i}] }`);
  lines.push("compute:", "  clusters:");
  for (let i = 0; i < spokes; i++) lines.push(`    - { name: cpu-s${i}, subnet: vnet-s${i}/snet-train }`);
  lines.push("integrations:", "  paas:");
  for (let i = 0; i < spokes; i++)
    lines.push(
      `    - { name: sql-s${i}, resourceId: /subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-s${i}/providers/Microsoft.Sql/servers/sql-s${i}, subresources: [sqlServer], zones: [privatelink.database.windows.net] }`,
    );
  lines.push("roleAssignments:");
  for (const role of ["networkConnectionApprover", "reader"]) lines.push(`  - { principal: workspace, role: ${role}, scope: resourceGroup }`);
  for (let i = 0; i < spokes; i++) lines.push(`  - { principal: workspace, role: reader, scope: paas/sql-s${i} }`);
  lines.push("clients:");
  for (let i = 0; i < spokes; i++) lines.push(`  - { kind: vm, name: jump-s${i}, subnet: vnet-s${i}/snet-jump, deploy: { os: linux } }`);
  return lines.join("\n") + "\n";
}
