// Round trip over every example: the blueprint's generated Terraform (main.tf, variables.tf,
// outputs.tf), read back as a folder, gives the same findings — nothing the blueprint doesn't
// have, and nothing lost except what deployable files can't hold, which becomes unknown: a custom
// DNS server's forwarders (the blueprint's dns.servers), Synapse's managed private endpoints
// (made in its data plane by deploy.sh) and approvals (given after deployment).
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse, stringify } from "yaml";
import { checkBlueprint, openTerraform, terraformReader, type TerraformReader } from "../src/api/index.ts";
import { buildFiles } from "../src/backends/build.ts";

const dir = new URL("../examples/", import.meta.url);
const examples = [...readdirSync(dir).filter((f) => f.endsWith(".yaml")), ...readdirSync(new URL("broken/", dir)).map((f) => `broken/${f}`)];
let reader: TerraformReader;
before(async () => {
  reader = await terraformReader();
});

const key = (f: { ruleId: string; message: string }) => `${f.ruleId} ${f.message}`;

for (const example of examples)
  test(`Terraform round trip: ${example}`, () => {
    const text = readFileSync(new URL(example, dir), "utf8");
    const bp = checkBlueprint(example, text);
    assert.ok(bp.ok);
    const folder = mkdtempSync(join(tmpdir(), "amlnet-roundtrip-"));
    for (const [name, content] of buildFiles(bp.model, { blueprint: example, version: "test" })) if (name.endsWith(".tf")) writeFileSync(join(folder, name), content);
    // The people who use it are the blueprint's clients: given as a clients file.
    const clients = (parse(text) as { clients?: unknown }).clients;
    const tf = openTerraform(folder, { reader, clientsFile: clients ? { file: "clients.yaml", text: stringify({ clients }) } : undefined });
    assert.ok(tf.ok, JSON.stringify(tf).slice(0, 500));
    const findings = tf.project.findings;
    // The generated configuration reads whole: no type left unread, nothing failed.
    assert.deepEqual(findings.filter((f) => ["AML901", "AML903"].includes(f.ruleId)).map(key), []);
    const mine = findings.filter((f) => !f.ruleId.startsWith("AML9")).map(key).sort();
    const theirs = bp.findings.filter((f) => !f.ruleId.startsWith("AML9")).map(key).sort();
    assert.deepEqual(mine.filter((f) => !theirs.includes(f)), [], "findings the blueprint doesn't have");
    const unknownFlows = new Set(tf.project.flows().filter((f) => f.trace.verdict === "unknown").map((f) => f.id));
    const lost = bp.findings.filter((f) => !f.ruleId.startsWith("AML9") && !mine.includes(key(f)));
    // A finding that rests on what the files can't hold is a note saying what it would report.
    const notedAs = (f: { ruleId: string; message: string }) => findings.some((n) => n.ruleId === "AML904" && n.message.includes(`${f.ruleId} would report: ${f.message.slice(0, 80)}`));
    const unexplained = lost.filter(
      (f) =>
        !notedAs(f) &&
        !(f.ruleId === "AML007" || f.ruleId === "AML008") && // forwarders of a described DNS server
        !(f.ruleId === "AML071" && /from syn/.test(f.message)) && // a Synapse managed private endpoint
        !(f.ruleId === "AML080" && [...unknownFlows].some((id) => f.message.startsWith(`${id} is blocked`))),
    );
    assert.deepEqual(unexplained.map(key), [], "findings lost without a reason");
  });
