// Jump boxes (F50: "a jump-box VM in the workspace VNet reached through Bastion"): for each VM
// client the blueprint asks to deploy, a NIC with a private address only and a trusted-launch VM.
// The admin password is a Secret: asked at deployment, never in the model or the output.
import type { Builder } from "./builder.ts";
import type { Secret } from "../../../core/types.ts";
import { T } from "../../../core/registry.ts";

const IMAGES = {
  windows: { publisher: "MicrosoftWindowsServer", offer: "WindowsServer", sku: "2022-datacenter-azure-edition", version: "latest" },
  linux: { publisher: "Canonical", offer: "ubuntu-24_04-lts", sku: "server", version: "latest" },
} as const;

export function expandJumpBoxes(b: Builder): void {
  b.bp.clients.forEach((c, i) => {
    if (c.kind !== "vm" || !c.deploy) return;
    const source = ["clients", i, "deploy"];
    const nicId = b.id(T.nic, `nic-${c.name}`);
    b.add({
      id: nicId,
      type: T.nic,
      name: `nic-${c.name}`,
      location: b.region,
      properties: {
        ipConfigurations: [
          {
            name: "ipconfig",
            properties: {
              subnet: { id: b.subnetId(c.subnet) },
              privateIPAllocationMethod: "Dynamic",
              ...(c.deploy.asgs.length ? { applicationSecurityGroups: c.deploy.asgs.map((x) => ({ id: b.id(T.asg, x) })) } : {}),
            },
          },
        ],
        // A NIC NSG filters after the subnet's on the way in and before it on the way out.
        ...(c.deploy.nsg ? { networkSecurityGroup: { id: b.id(T.nsg, c.deploy.nsg) } } : {}),
      },
      source,
    });
    const password: Secret = { $secret: { name: `${c.name}-admin-password`, description: `Admin password of jump box ${c.name}.` } };
    const os = c.deploy.os;
    b.add({
      id: b.id(T.vm, c.name),
      type: T.vm,
      name: c.name,
      location: b.region,
      properties: {
        hardwareProfile: { vmSize: c.deploy.size },
        osProfile: {
          // Windows computer names stop at 15 characters.
          computerName: os === "windows" ? c.name.replace(/[^A-Za-z0-9-]/g, "").slice(0, 15) : c.name,
          adminUsername: c.deploy.adminUsername,
          adminPassword: password,
          ...(os === "windows" ? { windowsConfiguration: { enableAutomaticUpdates: true, provisionVMAgent: true } } : { linuxConfiguration: { disablePasswordAuthentication: false } }),
        },
        storageProfile: {
          imageReference: IMAGES[os],
          osDisk: { createOption: "FromImage", deleteOption: "Delete", managedDisk: { storageAccountType: "StandardSSD_LRS" } },
        },
        networkProfile: { networkInterfaces: [{ id: nicId, properties: { deleteOption: "Delete" } }] },
        securityProfile: { securityType: "TrustedLaunch", uefiSettings: { secureBootEnabled: true, vTpmEnabled: true } },
      },
      intent: { os },
      source,
    });
  });
}
