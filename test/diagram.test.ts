// The topology diagram — deterministic, complete, laid out without overlaps, escaped,
// and in colours whose text keeps WCAG AA contrast.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DETAIL, drawDiagram, EDGE, openInput, PALETTE, TEXT, type Layout } from "../src/api/index.ts";
import { main } from "../src/cli/main.ts";
import { contrast } from "./support/contrast.ts";
import { spokes } from "./support/estate.ts";

const dir = new URL("../examples/", import.meta.url);
const examples = readdirSync(dir).filter((f) => f.endsWith(".yaml"));
const open = (file: string, text: string) => {
  const o = openInput(file, text);
  assert.ok(o.ok, file);
  return o.project;
};

/** Boxes overlap when their rectangles share area (touching edges is fine). */
const overlap = (a: Layout["boxes"][number], b: Layout["boxes"][number]) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

function assertLegible(layout: Layout, what: string): void {
  const byId = new Map(layout.boxes.map((b) => [b.id, b]));
  for (const b of layout.boxes) {
    // Inside its container, with room for its name.
    const p = b.parent && byId.get(b.parent);
    if (p) assert.ok(b.x >= p.x && b.y >= p.y && b.x + b.width <= p.x + p.width + 0.5 && b.y + b.height <= p.y + p.height + 0.5, `${what}: ${b.id} outside ${p.id}`);
    assert.ok(b.width >= b.label.length * 7, `${what}: ${b.label} doesn't fit its box`);
  }
  // Siblings never overlap.
  const siblings = new Map<string | undefined, Layout["boxes"][number][]>();
  for (const b of layout.boxes) siblings.set(b.parent, [...(siblings.get(b.parent) ?? []), b]);
  for (const group of siblings.values())
    for (let i = 0; i < group.length; i++) for (let j = i + 1; j < group.length; j++) assert.ok(!overlap(group[i], group[j]), `${what}: ${group[i].id} overlaps ${group[j].id}`);
}

for (const f of examples)
  test(`diagram of ${f}: every VNet, subnet, endpoint and zone drawn once, no overlaps, same bytes twice`, async () => {
    const p = open(f, readFileSync(new URL(f, dir), "utf8"));
    const a = await drawDiagram(p);
    const b = await drawDiagram(p);
    assert.equal(a.svg, b.svg);
    const ids = new Set(a.layout.boxes.map((x) => x.resourceId?.toLowerCase()));
    for (const type of ["Microsoft.Network/virtualNetworks", "Microsoft.Network/virtualNetworks/subnets", "Microsoft.Network/privateEndpoints", "Microsoft.Network/privateDnsZones"])
      for (const r of p.model.ofType(type)) assert.ok(ids.has(r.id.toLowerCase()), `${f}: ${r.name} missing`);
    assert.equal(new Set(a.layout.boxes.map((x) => x.id)).size, a.layout.boxes.length);
    assertLegible(a.layout, f);
    // Every edge is routed.
    for (const e of a.layout.paths) assert.ok(e.points.length >= 2, `${f}: edge ${e.id} not routed`);
  });

test("a generated estate of 5 VNets and 50 resources stays legible", async () => {
  const p = open("estate.yaml", spokes(4));
  assert.ok(p.model.ofType("Microsoft.Network/virtualNetworks").length === 5);
  assert.ok(p.model.resources.length >= 50, String(p.model.resources.length));
  const d = await drawDiagram(p);
  assertLegible(d.layout, "estate");
  // Readable at 100%: not a poster (a screen or two wide).
  assert.ok(d.layout.width < 4000 && d.layout.height < 3000, `${d.layout.width}x${d.layout.height}`);
});

test("names from the input are escaped: a hostile name is text in the SVG", async () => {
  const t = JSON.stringify({
    $schema: "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
    resources: [{ type: "Microsoft.Network/virtualNetworks", name: `v"><img src=x onerror=alert(1)>&`, location: "eastus", properties: { addressSpace: { addressPrefixes: ["10.0.0.0/16"] } } }],
  });
  const d = await drawDiagram(open("t.json", t));
  assert.ok(!d.svg.includes("<img"));
  assert.match(d.svg, />v&quot;&gt;&lt;img src=x onerror=alert\(1\)&gt;&amp;<\/text>/);
});

test("a name with control characters still gives well-formed SVG (XML 1.0 can't hold them)", async () => {
  const odd = "v\u0001\u0008\u000b\u001f\ud800x";
  const t = JSON.stringify({
    $schema: "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
    resources: [{ type: "Microsoft.Network/virtualNetworks", name: odd, location: "eastus", properties: { addressSpace: { addressPrefixes: ["10.0.0.0/16"] } } }],
  });
  const { svg } = await drawDiagram(open("t.json", t));
  assert.doesNotMatch(svg, /[\u0000-\u0008\u000b\u000c\u000e-\u001f]|[\ud800-\udbff](?![\udc00-\udfff])/);
  assert.match(svg, /v\\u0001/);
});

test("text on every box fill and every edge colour keeps WCAG AA contrast", () => {
  for (const [kind, c] of Object.entries(PALETTE)) {
    assert.ok(contrast(TEXT, c.fill) >= 4.5, `${kind}: ${contrast(TEXT, c.fill)}`);
    assert.ok(contrast(DETAIL, c.fill) >= 4.5, `${kind} detail: ${contrast(DETAIL, c.fill)}`);
    // Non-text contrast (WCAG 1.4.11): the outline against white is at least 3:1.
    assert.ok(contrast(c.stroke, "#ffffff") >= 3, `${kind} outline`);
  }
  for (const [kind, colour] of Object.entries(EDGE)) assert.ok(contrast(colour, "#ffffff") >= 3, `${kind} edge`);
});

test("amlnet diagram writes the SVG", async () => {
  const out = join(mkdtempSync(join(tmpdir(), "amlnet-diagram-")), "topology.svg");
  let text = "";
  const code = await main(["diagram", new URL("private-link-workspace.yaml", dir).pathname, "-o", out], { out: (s) => (text += s), err: (s) => (text += s), isTTY: false, env: {} });
  assert.equal(code, 0, text);
  assert.match(text, /^Wrote .*topology\.svg \(\d+ boxes, \d+ edges, \d+x\d+\)/);
  assert.match(readFileSync(out, "utf8"), /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  const usage = await main(["diagram", new URL("private-link-workspace.yaml", dir).pathname], { out: () => {}, err: (s) => (text = s), isTTY: false, env: {} });
  assert.equal(usage, 2);
  assert.match(text, /diagram needs --output/);
});
