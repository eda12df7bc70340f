// Answers never depend on the order questions are asked: one analysis per model owns the memos
// and the unknown tracking, so a question asked first (before the findings have recorded their
// unknown reads) gives the same answers as in any other order. Microsoft's templates (read in
// place from ../shared/realworld) hold unknowns, which is where order used to leak in.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { drawDiagram, openJson, type Project } from "../src/api/index.ts";

const dir = new URL("../../shared/realworld/", import.meta.url);

const INPUTS: readonly { readonly file: string; readonly params?: readonly string[] }[] = [
  { file: "qs_ml-network-restricted-managedvnet_azuredeploy.json", params: ["prefix=mlw", "vnetName=vnet-hub", "vnetRgName=rg-net", "subnetName=snet-pe"] },
  { file: "qs_ml-end-to-end-secure_azuredeploy.json", params: ["prefix=mlw", "dsvmJumpboxUsername=azureuser"] },
  { file: "qs_ml-end-to-end-secure-v1-legacy_azuredeploy.json", params: ["prefix=mlw", "dsvmJumpboxUsername=azureuser"] },
  { file: "qs_ml-private-ip-aks-ilb_azuredeploy.json", params: ["location=eastus"] },
  { file: "qs_ml-workspace_azuredeploy.json", params: ["name=mlw", "environment=dev", "location=eastus"] },
  { file: "qs_aistudio-basics_azuredeploy.json", params: ["aiHubName=hub", "location=eastus"] },
  { file: "qs_ml-compute-create-akscompute_azuredeploy.json", params: ["workspaceName=mlw", "computeName=aks", "location=eastus"] },
  { file: "avm_res_ml-workspace_v0.14_main.json", params: ["name=mlw-avm", "sku=Basic"] },
  { file: "avm_res_ml-registry_main.json", params: ["name=mlreg"] },
];

type Question = (p: Project) => Promise<unknown> | unknown;

/** A trace between the first source and each destination (questions the CLI and web view ask). */
function traces(p: Project): unknown {
  const { from, to } = p.ends();
  return from.slice(0, 1).flatMap((f) => to.map((t) => p.trace(f, t)));
}

const QUESTIONS: Readonly<Record<string, Question>> = {
  findings: (p) => p.findings,
  flows: (p) => p.flows(),
  studio: (p) => p.studio(),
  trace: traces,
  diagram: async (p) => (await drawDiagram(p)).svg,
};

function open(input: (typeof INPUTS)[number]): Project {
  const opened = openJson(input.file, readFileSync(new URL(input.file, dir), "utf8"), { params: input.params, location: "eastus" });
  assert.ok(opened.ok, opened.ok ? "" : opened.errors.map((e) => e.message).join("; "));
  return opened.project;
}

async function answers(input: (typeof INPUTS)[number], first: string): Promise<Record<string, string>> {
  const p = open(input);
  const order = [first, ...Object.keys(QUESTIONS).filter((q) => q !== first)];
  const out: Record<string, string> = {};
  for (const q of order) out[q] = JSON.stringify(await QUESTIONS[q](p));
  return out;
}

for (const input of INPUTS)
  test(`${input.file}: every question asked first gives the answers of the reference order`, async () => {
    const reference = await answers(input, "findings");
    // The restricted managed-VNet quickstart refers to a VNet it doesn't hold: its unknowns are
    // what asking trace first used to drop from the findings (AML079 and AML080 then judged them).
    if (input.file.startsWith("qs_ml-network-restricted"))
      assert.ok(JSON.parse(reference.findings).some((f: { ruleId: string; message: string }) => f.ruleId === "AML904" && /AML079|AML080/.test(f.message)), "AML904 notes in the reference answers");
    for (const first of Object.keys(QUESTIONS).filter((q) => q !== "findings")) {
      const got = await answers(input, first);
      for (const q of Object.keys(QUESTIONS)) assert.equal(got[q], reference[q], `${q} differs when ${first} is asked first`);
    }
  });
