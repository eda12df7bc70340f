// A hub-and-spoke estate reads as one: at 50 spokes the diagram is near a screen's shape, the hub
// in the middle with the zones and services beside it, the spokes around it in name order, and no
// two boxes or labels overlapping. Measured from the SVG's own geometry.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { openBlueprint, openJson, drawDiagram, type LayoutCache } from "../src/api/index.ts";
import { resourceGraphOf, stampedCopies } from "./support/resource-graph.ts";
import { CHAR_WIDTH } from "../src/report/diagram/layout.ts";
import { spokes } from "./support/estate.ts";

interface Drawn {
  id: string;
  label: string;
  detail?: string;
  kind: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The boxes an SVG draws: position, size and the text written in each. */
function boxesOf(svg: string): { width: number; height: number; boxes: Drawn[] } {
  const [, w, h] = /viewBox="0 0 (\d+) (\d+)"/.exec(svg)!;
  const boxes = [...svg.matchAll(/<g class="node kind-(\w+)" data-id="([^"]+)"[^>]*transform="translate\(([\d.-]+),([\d.-]+)\)"[^>]*>(.*?)<\/g>/g)].map((m) => {
    const body = m[5];
    const rect = /<rect width="([\d.]+)" height="([\d.]+)"/.exec(body)!;
    const texts = [...body.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((t) => t[1].replace(/&[a-z]+;|&#\d+;/g, "x"));
    return { kind: m[1], id: m[2], x: Number(m[3]), y: Number(m[4]), width: Number(rect[1]), height: Number(rect[2]), label: texts[0], detail: texts[1] };
  });
  return { width: Number(w), height: Number(h), boxes };
}

const inside = (a: Drawn, b: Drawn) => a.x >= b.x - 0.5 && a.y >= b.y - 0.5 && a.x + a.width <= b.x + b.width + 0.5 && a.y + a.height <= b.y + b.height + 0.5;
const intersect = (a: Drawn, b: Drawn) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

async function draw(n: number) {
  const opened = openBlueprint("estate.yaml", spokes(n));
  assert.ok(opened.ok);
  return boxesOf((await drawDiagram(opened.project)).svg);
}

test("50 spokes: width:height between 0.8 and 3.2, no boxes or labels overlapping, every label inside its box", async () => {
  const { width, height, boxes } = await draw(50);
  assert.ok(boxes.length > 300, `${boxes.length} boxes`);
  const aspect = width / height;
  assert.ok(aspect >= 0.8 && aspect <= 3.2, `width:height ${width}:${height} = ${aspect.toFixed(2)}`);
  // Two boxes meet only when one holds the other.
  const overlaps: string[] = [];
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i];
      const b = boxes[j];
      if (intersect(a, b) && !inside(a, b) && !inside(b, a)) overlaps.push(`${a.id} / ${b.id}`);
    }
  assert.deepEqual(overlaps.slice(0, 5), []);
  // Each line of text fits its box (10 px in, the font's generous average advance).
  for (const b of boxes)
    for (const text of [b.label, b.detail].filter((t): t is string => !!t))
      assert.ok(10 + text.length * CHAR_WIDTH * (text === b.detail ? 12 / 13 : 1) <= b.width + 0.5, `${b.id}: "${text}" is wider than its box (${b.width})`);
  // Everything inside the drawing.
  for (const b of boxes) assert.ok(b.x >= 0 && b.y >= 0 && b.x + b.width <= width && b.y + b.height <= height, `${b.id} outside the drawing`);
});

test("50 spokes: the hub in the middle band, the spokes in rows around it in name order, the zones' links drawn once per VNet", async () => {
  const opened = openBlueprint("estate.yaml", spokes(50));
  assert.ok(opened.ok);
  const svg = (await drawDiagram(opened.project)).svg;
  const { width, height, boxes } = boxesOf(svg);
  const vnets = boxes.filter((b) => b.kind === "vnet");
  const hub = vnets.find((b) => b.label === "vnet-hub")!;
  const centre = { x: hub.x + hub.width / 2, y: hub.y + hub.height / 2 };
  assert.ok(Math.abs(centre.x - width / 2) < width / 6 && Math.abs(centre.y - height / 2) < height / 4, `hub at ${centre.x},${centre.y} of ${width}x${height}`);
  // Reading order (rows top to bottom, left to right) is name order, numbers as numbers.
  const spokeBoxes = vnets.filter((b) => b !== hub).sort((a, b) => a.y - b.y || a.x - b.x);
  assert.deepEqual(spokeBoxes.map((b) => b.label), Array.from({ length: 50 }, (_, i) => `vnet-spoke${i}`));
  assert.ok(spokeBoxes.some((b) => b.y < hub.y) && spokeBoxes.some((b) => b.y > hub.y + hub.height), "spokes above and below the hub");
  // Zones and services sit in the band beside the hub.
  for (const group of boxes.filter((b) => b.kind === "group")) assert.ok(group.y < hub.y + hub.height && group.y + group.height > hub.y, `${group.label} beside the hub`);
  // 51 VNets, each zone linked to all: one dotted line per VNet from the zones' group, and each zone says so.
  assert.equal([...svg.matchAll(/class="edge edge-link"/g)].length, 51);
  assert.ok(boxes.filter((b) => b.kind === "zone").every((z) => z.detail === "linked to 51 VNets"));
  assert.equal([...svg.matchAll(/class="edge edge-peering"/g)].length, 50);
});

test("a small estate keeps the layered drawing (fewer spokes than a hub-and-spoke layout is for)", async () => {
  const { boxes } = await draw(4);
  const zone = boxes.find((b) => b.kind === "zone")!;
  assert.equal(zone.detail, undefined);
});

test("many VNets and no hub (isolated environments, one each): drawn in rows in name order near a screen's shape, none overlapping", async () => {
  const example = openBlueprint("example.yaml", readFileSync(new URL("../examples/private-link-workspace.yaml", import.meta.url), "utf8"));
  assert.ok(example.ok);
  const data = stampedCopies(JSON.stringify(resourceGraphOf(example.project.model)), ["rg-aml-private", "mlw-private", "stamlprivate", "kv-aml-private", "cramlprivate", "vnet-aml"], 30);
  const opened = openJson("estate.json", JSON.stringify({ count: data.length, data }), { location: "eastus" });
  assert.ok(opened.ok);
  const { width, height, boxes } = boxesOf((await drawDiagram(opened.project)).svg);
  const aspect = width / height;
  assert.ok(aspect >= 0.8 && aspect <= 3.2, `width:height ${width}:${height} = ${aspect.toFixed(2)}`);
  const vnets = boxes.filter((b) => b.kind === "vnet").sort((a, b) => a.y - b.y || a.x - b.x);
  assert.deepEqual(vnets.map((b) => b.label), Array.from({ length: 30 }, (_, i) => `vnet-aml-${i}`));
  const overlaps: string[] = [];
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++) if (intersect(boxes[i], boxes[j]) && !inside(boxes[i], boxes[j]) && !inside(boxes[j], boxes[i])) overlaps.push(`${boxes[i].id} / ${boxes[j].id}`);
  assert.deepEqual(overlaps.slice(0, 5), []);
  for (const b of boxes) assert.ok(b.x >= 0 && b.y >= 0 && b.x + b.width <= width && b.y + b.height <= height, `${b.id} outside the drawing`);
});

test("spokes of one shape are laid out once: the layouts kept for a 50-spoke estate are a few shapes, not one a spoke, and the drawing is the same as without them", async () => {
  const opened = openBlueprint("estate.yaml", spokes(50));
  assert.ok(opened.ok);
  const cache: LayoutCache = new Map();
  const drawn = await drawDiagram(opened.project, cache);
  // The hub, the groups and the spokes' shapes (names one or two digits long): far fewer than 50.
  assert.ok(cache.size > 0 && cache.size <= 8, `${cache.size} layouts kept`);
  assert.equal((await drawDiagram(opened.project)).svg, drawn.svg);
});
