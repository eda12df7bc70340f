// Built-in role definition ids ("Azure built-in roles" [ROLES]) that the expander assigns and
// the rules look for. Ids are stable across tenants.
export const ROLES = {
  /** F35: the workspace identity approves its managed-network private endpoints. */
  networkConnectionApprover: {
    name: "Azure AI Enterprise Network Connection Approver",
    id: "b556d68e-0be0-4f35-a333-ad7ee1ce17ea",
  },
  /** F44: Reader on each storage private endpoint lets studio reach data behind the VNet. */
  reader: { name: "Reader", id: "acdd72a7-3385-48ef-bd42-f606fba81ae7" },
  /** F46: the Synapse workspace identity needs Contributor on the AML workspace. */
  contributor: { name: "Contributor", id: "b24988ac-6180-42a0-ab88-20f3382dd24c" },
  /** Owner holds every action, approving endpoint connections among them. */
  owner: { name: "Owner", id: "8e3af657-a8ff-443c-a75c-2fe8c4bcb635" },
  /** F46: Synapse reads and writes its own data lake with its identity. */
  storageBlobDataContributor: { name: "Storage Blob Data Contributor", id: "ba92f5b4-2d11-453d-a403-e96b0029c9fe" },
  /** People using a workspace whose storage allows no shared keys read and write its file shares (notebooks). */
  storageFileDataPrivilegedContributor: { name: "Storage File Data Privileged Contributor", id: "69566ab7-960f-475b-8e7c-b3118f30c6bd" },
  /** A user-assigned workspace identity administers the RBAC vault's secrets ("Set up authentication ..."). */
  keyVaultAdministrator: { name: "Key Vault Administrator", id: "00482a5a-887f-4fb3-b363-3b7fe8e74483" },
  /** F27: the AKS identity needs Network Contributor on the VNet's resource group. */
  networkContributor: { name: "Network Contributor", id: "4d97b98b-1d4f-4787-a291-c67834d212e7" },
} as const;

export type RoleKey = keyof typeof ROLES;
