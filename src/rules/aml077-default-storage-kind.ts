import { rule } from "./rule.ts";
import { name } from "../core/views.ts";
import { T } from "../core/registry.ts";

// "What is an Azure Machine Learning workspace?": the default storage can't be of kind BlobStorage,
// premium, or have a hierarchical namespace; such accounts serve as extra datastores only. F03: the
// workspace needs blob and file, and blob-only or file-only kinds lack one of them.
const SPECIALISED: ReadonlySet<string> = new Set(["blobstorage", "blockblobstorage", "filestorage"]);

export default rule({
  id: "AML077",
  title: "Default storage of a kind the workspace can't use",
  severity: "error",
  facts: ["F03"],
  docs: ["WORKSPACE"],
  description:
    "The workspace keeps job logs, snapshots and notebooks on its default storage account, through blob and file. That account must be general-purpose and standard: not BlobStorage, BlockBlobStorage or FileStorage, not premium, and without a hierarchical namespace. Azure refuses the workspace otherwise. Such accounts are fine as extra datastores.",
  check(m) {
    return m.ofType(T.workspace).flatMap((ws) => {
      const st = m.get(m.props.workspace(ws).storageAccount);
      if (!st) return [];
      const why = [
        SPECIALISED.has((st.kind ?? "").toLowerCase()) ? `of kind ${st.kind}` : "",
        /^premium_/i.test(st.sku?.name ?? "") ? `premium (${st.sku?.name})` : "",
        m.props.storage(st).isHnsEnabled === true ? "with a hierarchical namespace" : "",
      ].filter(Boolean);
      return why.length
        ? [
            {
              resource: st,
              property: ["kind"],
              message: `Storage ${name(st)}, the default storage of workspace ${name(ws)}, is ${why.join(", ")}: the workspace can't use it.`,
              fix: "Use a general-purpose v2, standard account without a hierarchical namespace as the default storage; attach the other account as a datastore.",
            },
          ]
        : [];
    });
  },
  cases: {
    pass: ["", "storage: { sku: Standard_LRS }"],
    fail: [
      { patch: "storage: { kind: BlobStorage }", fires: [{ at: "storage", says: "is of kind BlobStorage: the workspace can't use it" }] },
      {
        patch: "storage: { kind: BlockBlobStorage, sku: Premium_LRS, hierarchicalNamespace: true }",
        fires: [{ at: "storage", says: "is of kind BlockBlobStorage, premium (Premium_LRS), with a hierarchical namespace" }],
      },
    ],
  },
});
