// No input writes a CI command. A line of a job's log that starts with `::` is a GitHub workflow
// command and one starting `##vso[` an Azure DevOps logging command; both runners execute them.
// Names, keys, values and file names that hold a line break followed by such a command go through
// every command and format: every line amlnet prints either is one it wrote as an annotation
// (`::error file=…`) or starts with something else.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../src/cli/main.ts";

const INJECT = ["\n::error title=injected::boom", "\r\n::add-mask::secret", "\n##vso[task.setvariable variable=x]1", "\u2028::stop-commands::tok", "\u0085::warning::x"];

/** What `amlnet <argv>` prints, both streams. */
async function run(argv: string[]): Promise<string> {
  let text = "";
  await main(argv, { out: (s) => (text += s), err: (s) => (text += s), isTTY: false, env: {} });
  return text;
}

/** Lines that a runner would execute but amlnet didn't write as an annotation. */
function commands(text: string): string[] {
  return text.split(/\r\n|\n|\r|\u2028|\u2029|\u0085/).filter((line) => /^\s*(::|##)/.test(line) && !/^::(error|warning|notice) file=[^\r\n]*$/.test(line));
}

const dir = mkdtempSync(join(tmpdir(), "amlnet-ci-"));
const write = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const SCHEMA = "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#";

/** Inputs that quote `bad` in what amlnet prints: findings, input errors, traces. */
function inputs(bad: string, k: number): { files: string[]; extra?: string[] }[] {
  const sub = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers";
  const template = {
    $schema: SCHEMA,
    contentVersion: "1.0.0.0",
    resources: [
      { type: "Microsoft.Storage/storageAccounts", apiVersion: "2023-01-01", name: `st${bad}`, location: "eastus", kind: "StorageV2", sku: { name: "Standard_LRS" }, properties: { publicNetworkAccess: "Disabled" } },
      { type: "Microsoft.MachineLearningServices/workspaces", apiVersion: "2024-04-01", name: `mlw${bad}`, location: "eastus", properties: { storageAccount: `[resourceId('Microsoft.Storage/storageAccounts', 'st${bad.replace(/'/g, "''")}')]`, publicNetworkAccess: "Disabled" } },
      { type: `Contoso.Example/things${bad}`, apiVersion: "2024-01-01", name: "t", properties: {} },
    ],
  };
  const estate = { count: 2, data: [{ id: `${sub}/Microsoft.Storage/storageAccounts/st1`, name: `st${bad}`, type: "microsoft.storage/storageaccounts", location: "eastus", properties: { publicNetworkAccess: "Disabled" } }, { id: `${sub}/Contoso.X/y${bad}/z`, type: `contoso.x/y${bad}`, properties: {} }] };
  return [
    { files: [write(`key${k}.yaml`, `region: eastus\nworkspace: {name: mlw}\nstorage: {name: stml}\nkeyVault: {name: kv-ml}\n${JSON.stringify(`isolation${bad}`)}: 1\n`)] },
    { files: [write(`value${k}.yaml`, `region: eastus\nworkspace: {name: ${JSON.stringify(`mlw${bad}`)}}\nstorage: {name: stml}\nkeyVault: {name: kv-ml}\n`)] },
    { files: [write(`yaml${k}.yaml`, `region: eastus\nworkspace: [${JSON.stringify(bad)}\n`)] },
    { files: [write(`template${k}.json`, JSON.stringify(template))], extra: ["--location", "eastus"] },
    { files: [write(`estate${k}.json`, JSON.stringify(estate))] },
    { files: [write(`params${k}.json`, JSON.stringify(template))], extra: ["--parameters", write(`p${k}.json`, JSON.stringify({ parameters: { [`x${bad}`]: { value: 1 } } }))] },
    { files: [write(`clients${k}.json`, JSON.stringify(template))], extra: ["--clients", write(`c${k}.yaml`, `clients:\n  - { kind: vm, name: ${JSON.stringify(`jb${bad}`)}, subnet: ${JSON.stringify(`v/s${bad}`)} }\n`)] },
    { files: [write(`file${k}${bad.replace(/[\n\r/]/g, "_")}\n::error::name.yaml`, "region: eastus\n")] },
  ];
}

test("no input reaches an output line as a CI command, in any command or format", async () => {
  const found: string[] = [];
  let cases = 0;
  for (const [k, bad] of INJECT.entries())
    for (const { files, extra = [] } of inputs(bad, k)) {
      const runs = [
        ...["text", "json", "sarif", "github", "junit"].map((f) => ["check", ...files, "--format", f]),
        ["flows", ...files],
        ["studio", ...files],
        ["trace", ...files, "--from", `jb${bad}`, "--to", `st${bad}/blob`],
        ["diff", files[0], files[0]],
        ["import", ...files],
        ["check", ...files, "--fail-level", `x${bad}`],
      ];
      for (const argv of runs) {
        cases++;
        const out = await run([...argv, ...extra]);
        for (const line of commands(out)) found.push(`${argv.join(" ").slice(0, 60)}: ${JSON.stringify(line)}`);
      }
    }
  assert.ok(cases > 300);
  assert.deepEqual(found, []);
});

test("the check sees an injected line when one gets through", () => {
  assert.deepEqual(commands("ok\n::error file=a,line=1::fine\n::add-mask::x\n  ##vso[task.complete]\n"), ["::add-mask::x", "  ##vso[task.complete]"]);
  // A report written to a file carries the same lines as standard output.
  const report = join(dir, "report.txt");
  writeFileSync(report, "");
  assert.equal(readFileSync(report, "utf8"), "");
});
