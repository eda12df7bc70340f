// A generated blueprint for the diagram and web view tests: a hub and `n` spokes (5 VNets with 4),
// each spoke with endpoint, training and jump-box subnets, an endpoint to its own SQL server, a
// cluster and a jump box — about 50 resources with 4 spokes.
export function spokes(n: number): string {
  const lines = [
    "region: eastus",
    "resourceGroup: rg-estate",
    "workspace: { name: mlw-estate }",
    "storage: { name: stestate }",
    "keyVault: { name: kv-estate }",
    "containerRegistry: { name: crestate }",
    "networks:",
    "  vnets:",
    "    - { name: vnet-hub, addressSpace: [172.16.0.0/16], subnets: [{ name: snet-pe, purpose: endpoints, size: 24 }, { name: AzureBastionSubnet, purpose: bastion, size: 26 }] }",
  ];
  for (let i = 0; i < n; i++)
    lines.push(`    - { name: vnet-spoke${i}, addressSpace: [10.${i}.0.0/22], subnets: [{ name: snet-pe, purpose: endpoints, size: 24 }, { name: snet-train, purpose: training, size: 24 }, { name: snet-jump, purpose: jumpbox, size: 24 }] }`);
  lines.push("  peerings:");
  for (let i = 0; i < n; i++) lines.push(`    - { between: [vnet-hub, vnet-spoke${i}] }`);
  lines.push("  bastions:", "    - { name: bas-hub, vnet: vnet-hub }");
  lines.push("endpoints:", "  - subnet: vnet-hub/snet-pe");
  for (let i = 0; i < n; i++) lines.push(`  - { subnet: vnet-spoke${i}/snet-pe, targets: [paas/sql-${i}] }`);
  lines.push("compute:", "  clusters:");
  for (let i = 0; i < n; i++) lines.push(`    - { name: cpu-${i}, subnet: vnet-spoke${i}/snet-train }`);
  lines.push("integrations:", "  paas:");
  for (let i = 0; i < n; i++)
    lines.push(`    - { name: sql-${i}, resourceId: /subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-s${i}/providers/Microsoft.Sql/servers/sql-${i}, subresources: [sqlServer], zones: [privatelink.database.windows.net] }`);
  lines.push("clients:");
  for (let i = 0; i < n; i++) lines.push(`  - { kind: vm, name: jump-${i}, subnet: vnet-spoke${i}/snet-jump, deploy: { os: linux } }`);
  return `${lines.join("\n")}\n`;
}
