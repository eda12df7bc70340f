// Issue 11, template-expression injection: a blueprint value never becomes code. In main.json a
// literal that starts with `[` is written `[[` (ARM would evaluate it at deployment), and the
// literals inside amlnet's own expressions have their quotes doubled; in main.bicep every value is
// a one-line string literal, its quotes, backslashes and `${` escaped.
import { test } from "node:test";
import assert from "node:assert/strict";
import { openBlueprint } from "../src/api/index.ts";
import { lexBicep } from "./support/bicep-lexer.ts";

// Each payload carries the marker PWN, which may appear only inside literals.
const ARM = "[concat('PWN','x')]";
const BICEP = "x' + loadTextContent('/etc/PWN') + '\n${PWN}\\";
const BLUEPRINT = `region: eastus
workspace: { name: mlw }
storage: { name: stml }
keyVault: { name: kv-ml }
containerRegistry: { name: crml01 }
networks:
  nsgs:
    - name: nsg-custom
      rules:
        - { name: r1, priority: 300, direction: Outbound, access: Allow, destination: ${JSON.stringify(ARM)} }
        - { name: r2, priority: 310, direction: Outbound, access: Allow, destination: ${JSON.stringify(BICEP)} }
  routeTables: [{name: rt1, routes: [{name: r, prefix: ${JSON.stringify(ARM)}, nextHop: VirtualAppliance, nextHopIp: 10.0.5.4}]}]
  vnets:
    - name: vnet-ml
      addressSpace: [10.0.0.0/16]
      subnets:
        - { name: snet-pe, purpose: endpoints, size: 24 }
        - { name: snet-train, purpose: training, size: 24, nsg: nsg-custom, routeTable: rt1, serviceEndpoints: [${JSON.stringify(ARM)}, ${JSON.stringify(BICEP)}] }
endpoints:
  - subnet: vnet-ml/snet-pe
compute:
  clusters: [{ name: cpu, subnet: vnet-ml/snet-train, vmSize: ${JSON.stringify(BICEP)} }]
  instances: [{ name: ci-one, subnet: vnet-ml/snet-train, vmSize: ${JSON.stringify(ARM)} }]
`;

function build(): Map<string, string> {
  const r = openBlueprint("inject.yaml", BLUEPRINT);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join("\n"));
  return r.project.build();
}

function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === "string") out.push(value);
  else if (Array.isArray(value)) value.forEach((v) => strings(v, out));
  else if (value && typeof value === "object")
    for (const [k, v] of Object.entries(value)) {
      out.push(k);
      strings(v, out);
    }
  return out;
}

/** An ARM expression with its string literals ('...' with '' for a quote) taken out. */
const outsideLiterals = (expression: string) => expression.replace(/'(?:[^']|'')*'/g, "''");

test("main.json: a value starting with [ is a literal ([[), and amlnet's own expressions keep values in quoted literals", () => {
  const template = JSON.parse(build().get("main.json")!);
  const all = strings(template);
  assert.ok(all.includes(`[${ARM}`), "the payload is written as an escaped literal");
  for (const s of all.filter((x) => x.startsWith("[") && !x.startsWith("[["))) {
    assert.match(s, /^\[[a-zA-Z]+\(.*\)[\w.()']*\]$/s, `an expression amlnet writes: ${s}`);
    assert.ok(!outsideLiterals(s).includes("PWN"), `no payload outside a literal in ${s}`);
    assert.equal((s.match(/'/g) ?? []).length % 2, 0, `balanced quotes in ${s}`);
  }
});

test("main.bicep: every payload stays inside one-line string literals", () => {
  const { segments, errors } = lexBicep(build().get("main.bicep")!);
  assert.deepEqual(errors, []);
  const code = segments.filter((s) => s.kind === "code");
  assert.deepEqual(code.filter((s) => /PWN|loadTextContent/.test(s.text)).map((s) => `${s.line}: ${s.text}`), []);
  assert.ok(segments.some((s) => s.kind === "string" && s.text.includes("loadTextContent")), "the payload is there, as a literal");
});

test("the Bicep lexer sees code where a literal was broken (it can fail)", () => {
  const broken = lexBicep("var a = 'x' + loadTextContent('/etc/PWN') + ''\nvar b = 'a\n'");
  assert.ok(broken.segments.some((s) => s.kind === "code" && s.text.includes("loadTextContent")));
  assert.ok(broken.errors.some((e) => e.includes("past the end of the line")));
  const interpolated = lexBicep("var c = 'a${PWN}b'");
  assert.ok(interpolated.segments.some((s) => s.kind === "code" && s.text.includes("PWN")));
});
