// Laying the diagram graph out with elkjs: ELK's layered algorithm over compound nodes
// (VNets hold subnets, subnets hold what sits in them), edges routed orthogonally across the
// hierarchy. The result is absolute boxes and edge paths, the same for the same graph: ELK is
// deterministic, and the graph is built in model order.
import type { ElkEdgeSection, ElkExtendedEdge, ElkNode } from "elkjs/lib/elk-api.js";
import type { DiagramEdge, DiagramGraph, DiagramNode, EdgeKind, NodeKind } from "./graph.ts";

export interface Box {
  readonly id: string;
  readonly kind: NodeKind;
  readonly label: string;
  readonly detail?: string;
  readonly resourceId?: string;
  readonly parent?: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  /** Whether it holds other boxes. */
  readonly container: boolean;
}

export interface Path {
  readonly id: string;
  readonly kind: EdgeKind;
  readonly from: string;
  readonly to: string;
  readonly points: readonly { readonly x: number; readonly y: number }[];
}

export interface Layout {
  readonly width: number;
  readonly height: number;
  readonly boxes: readonly Box[];
  readonly paths: readonly Path[];
}

type Elk = { layout(graph: ElkNode): Promise<ElkNode> };
type ElkConstructor = new () => Elk;

/**
 * elkjs (1.5 MB) is loaded when a diagram is first laid out, never by commands that draw none
 * (the bundle puts it in a chunk of its own). It is CommonJS: Node's interop hands the
 * constructor over as the module itself, TypeScript's types as its default export.
 */
async function loadElk(): Promise<ElkConstructor> {
  const elkModule: unknown = await import("elkjs/lib/elk.bundled.js");
  const m = elkModule as { default?: unknown };
  const inner = (m.default as { default?: unknown } | undefined)?.default ?? m.default ?? elkModule;
  return inner as ElkConstructor;
}

/** Text metrics for the font the SVG uses (13px semi-bold sans-serif): a generous average advance. */
export const CHAR_WIDTH = 8.6;
const LEAF_HEIGHT = 44;
const HEADER = 34;

function leafSize(n: DiagramNode): { width: number; height: number } {
  const longest = Math.max(n.label.length, (n.detail ?? "").length);
  return { width: Math.max(120, Math.ceil(longest * CHAR_WIDTH) + 24), height: LEAF_HEIGHT };
}

/**
 * Laid-out ELK graphs by their input, kept by a caller that draws the same input again (the web
 * view's what-ifs: removing one endpoint changes one VNet's box, not the other fifty).
 */
export type LayoutCache = Map<string, object>;

/**
 * Lays `input` out, or takes the result of an input of the same shape: ids are numbered in order
 * of appearance before ELK sees them and given back after, so spokes built from one template
 * (the same boxes, sizes and edges under other names) are laid out once. `shapes` holds this
 * drawing's layouts by shape; `cache` a caller's across drawings (the web view's what-ifs).
 */
async function laidOut(elk: Elk, input: ElkNode, shapes: Map<string, Promise<ElkNode>>, cache?: LayoutCache): Promise<ElkNode> {
  const { graph, ids } = numbered(input);
  const key = JSON.stringify(graph);
  let laid = shapes.get(key);
  if (!laid) {
    // Opaque to callers (the library's types don't carry ELK's): only this function puts ELK graphs in.
    const hit = cache?.get(key) as ElkNode | undefined;
    laid = hit ? Promise.resolve(hit) : elk.layout(graph);
    shapes.set(key, laid);
    if (cache && !hit)
      void laid.then((result) => {
        // Bounded: past the limit the oldest layouts go.
        if (cache.size >= LAYOUT_CACHE) cache.delete(cache.keys().next().value!);
        cache.set(key, result);
      });
  }
  return named(await laid, ids);
}

// The fields of an ELK graph, before and after layout, that hold ids.
const ID_FIELDS: ReadonlySet<string> = new Set(["id", "container", "incomingShape", "outgoingShape"]);
const ID_LISTS: ReadonlySet<string> = new Set(["sources", "targets", "incomingSections", "outgoingSections"]);

/** The graph with each id replaced by its number in order of appearance, and the ids by number. */
function numbered(input: ElkNode): { graph: ElkNode; ids: string[] } {
  const ids: string[] = [];
  const numbers = new Map<string, string>();
  const number = (id: string) => {
    let n = numbers.get(id);
    if (n === undefined) numbers.set(id, (n = String(ids.push(id) - 1)));
    return n;
  };
  return { graph: mapIds(input, number) as ElkNode, ids };
}

/** A laid-out graph of numbered ids with its own ids given back. */
function named(laid: ElkNode, ids: readonly string[]): ElkNode {
  return mapIds(laid, (n) => ids[Number(n)] ?? n) as ElkNode;
}

function mapIds(value: unknown, map: (id: string) => string): unknown {
  if (Array.isArray(value)) return value.map((v) => mapIds(v, map));
  if (!value || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (ID_FIELDS.has(k) && typeof v === "string") out[k] = map(v);
    else if (ID_LISTS.has(k) && Array.isArray(v)) out[k] = v.map((x) => (typeof x === "string" ? map(x) : x));
    else if (k === "layoutOptions") out[k] = v;
    else out[k] = mapIds(v, map);
  }
  return out;
}

const LAYOUT_CACHE = 2_000;

export async function layoutDiagram(graph: DiagramGraph, cache?: LayoutCache): Promise<Layout> {
  const children = new Map<string | undefined, DiagramNode[]>();
  for (const n of graph.nodes) {
    const list = children.get(n.parent);
    if (list) list.push(n);
    else children.set(n.parent, [n]);
  }
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  // One ELK for the whole diagram: without a worker, elkjs answers each message on a timer of
  // its own (a new ELK costs one more round), so a layout per spoke, each made and awaited in
  // turn, left the process idle a third of the time.
  const elk = new (await loadElk())();
  const shapes = new Map<string, Promise<ElkNode>>();
  const top = children.get(undefined) ?? [];
  const hub = hubAndSpokes(graph, top);
  if (hub) return bandLayout(graph, hub, children, byId, elk, shapes, cache);
  // Many VNets and no hub (isolated environments, a team's sandbox each): the same rows, around
  // the groups. One layered layout of them all would be a column a thousand VNets long.
  const vnets = top.filter((n) => n.kind === "vnet");
  if (vnets.length >= MANY_VNETS) return bandLayout(graph, { spokes: byLabel(vnets) }, children, byId, elk, shapes, cache);
  const root: ElkNode = {
    id: "root",
    layoutOptions: ROOT_OPTIONS,
    children: (children.get(undefined) ?? []).map((n) => elkNode(n, children)),
    edges: graph.edges.map((e): ElkExtendedEdge => ({ id: e.id, sources: [e.from], targets: [e.to] })),
  };
  const laid = await laidOut(elk, root, shapes, cache);
  const { boxes, paths } = placed(laid, byId, edgeIndex(graph), 0, 0);
  return { width: Math.ceil(laid.width ?? 0), height: Math.ceil(laid.height ?? 0), boxes, paths };
}

const ROOT_OPTIONS: Readonly<Record<string, string>> = {
  "elk.algorithm": "layered",
  "elk.direction": "RIGHT",
  "elk.hierarchyHandling": "INCLUDE_CHILDREN",
  "elk.edgeRouting": "ORTHOGONAL",
  "elk.spacing.nodeNode": "24",
  "elk.layered.spacing.nodeNodeBetweenLayers": "48",
  "elk.spacing.edgeNode": "16",
  "elk.padding": "[top=16,left=16,bottom=16,right=16]",
  "elk.randomSeed": "1",
  "elk.layered.mergeEdges": "true",
};

/** A node as ELK takes it: containers padded below their name, leaves sized to their text. */
function elkNode(n: DiagramNode, children: ReadonlyMap<string | undefined, DiagramNode[]>, packed = false): ElkNode {
  const inner = children.get(n.id) ?? [];
  if (!inner.length && (n.kind === "vnet" || n.kind === "subnet" || n.kind === "group" || n.kind === "managed")) {
    // An empty container still shows its name.
    return { id: n.id, width: Math.max(140, Math.ceil(Math.max(n.label.length, (n.detail ?? "").length) * CHAR_WIDTH) + 24), height: LEAF_HEIGHT + 8 };
  }
  if (!inner.length) return { id: n.id, ...leafSize(n) };
  const minWidth = Math.ceil(Math.max(n.label.length, (n.detail ?? "").length + 2) * CHAR_WIDTH) + 24;
  // In a large estate a group of unconnected boxes (services, zones, clients) is packed into rows
  // rather than drawn as one long column.
  const pack = packed && n.kind === "group";
  return {
    id: n.id,
    layoutOptions: {
      "elk.padding": `[top=${HEADER + (n.detail ? 14 : 0)},left=12,bottom=12,right=12]`,
      "elk.nodeSize.constraints": "MINIMUM_SIZE",
      "elk.nodeSize.minimum": `(${minWidth}, 60)`,
      ...(pack ? { "elk.algorithm": "rectpacking", "elk.aspectRatio": "2.2", "elk.spacing.nodeNode": "16" } : { "elk.direction": n.kind === "vnet" ? "DOWN" : "RIGHT" }),
    },
    children: inner.map((c) => elkNode(c, children, packed)),
  };
}

const edgeIndex = (graph: DiagramGraph): ReadonlyMap<string, DiagramEdge> => new Map(graph.edges.map((e) => [e.id, e]));

/** Absolute boxes and edge paths from ELK's result, offset by (dx, dy). */
function placed(laid: ElkNode, byId: ReadonlyMap<string, DiagramNode>, kinds: ReadonlyMap<string, DiagramEdge>, dx0: number, dy0: number): { boxes: Box[]; paths: Path[] } {
  const boxes: Box[] = [];
  const walk = (n: ElkNode, dx: number, dy: number, parent: string | undefined) => {
    for (const c of n.children ?? []) {
      const x = dx + (c.x ?? 0);
      const y = dy + (c.y ?? 0);
      const d = byId.get(c.id)!;
      boxes.push({ id: c.id, kind: d.kind, label: d.label, detail: d.detail, resourceId: d.resourceId, parent, x, y, width: c.width ?? 0, height: c.height ?? 0, container: !!c.children?.length });
      walk(c, x, y, c.id);
    }
  };
  walk(laid, dx0, dy0, undefined);
  // Edge coordinates are relative to the edge's container; with hierarchy handling ELK reports it.
  const offset = new Map(boxes.map((b) => [b.id, { x: b.x, y: b.y }]));
  const paths: Path[] = ((laid.edges ?? []) as (ElkExtendedEdge & { sections?: ElkEdgeSection[] })[]).map((e) => {
    const container = (e as { container?: string }).container;
    const o = container && container !== laid.id ? (offset.get(container) ?? { x: dx0, y: dy0 }) : { x: dx0, y: dy0 };
    const s = e.sections?.[0];
    const points = s ? [s.startPoint, ...(s.bendPoints ?? []), s.endPoint].map((p) => ({ x: p.x + o.x, y: p.y + o.y })) : [];
    const d = kinds.get(e.id)!;
    return { id: e.id, kind: d.kind, from: d.from, to: d.to, points };
  });
  return { boxes, paths };
}

/** Fewest spokes for which an estate is drawn as hub and spokes (smaller ones read well as layers). */
export const HUB_SPOKE_MIN = 6;

/** Fewest VNets without a hub that are drawn in rows rather than layers. */
export const MANY_VNETS = 12;

const byLabel = (nodes: readonly DiagramNode[]): DiagramNode[] => [...nodes].sort((a, b) => a.label.localeCompare(b.label, "en", { numeric: true }) || (a.id < b.id ? -1 : 1));

/**
 * A hub-and-spoke estate: the VNet most others peer with, when at least HUB_SPOKE_MIN VNets peer
 * with it and most peerings touch it; its spokes are the VNets peered with it, by name.
 */
function hubAndSpokes(graph: DiagramGraph, top: readonly DiagramNode[]): { hub: DiagramNode; spokes: DiagramNode[] } | undefined {
  const vnets = new Map(top.filter((n) => n.kind === "vnet").map((n) => [n.id, n]));
  const peers = new Map<string, Set<string>>();
  let peerings = 0;
  for (const e of graph.edges)
    if (e.kind === "peering" && vnets.has(e.from) && vnets.has(e.to)) {
      peerings++;
      for (const [a, b] of [[e.from, e.to], [e.to, e.from]]) peers.set(a, (peers.get(a) ?? new Set()).add(b));
    }
  const [hubId, spokes] = [...peers].sort((a, b) => b[1].size - a[1].size || (a[0] < b[0] ? -1 : 1))[0] ?? [];
  if (!hubId || !spokes || spokes.size < HUB_SPOKE_MIN || spokes.size < peerings * 0.75) return undefined;
  return { hub: vnets.get(hubId)!, spokes: byLabel([...spokes].map((id) => vnets.get(id)!)) };
}

const GAP = 40;

/**
 * Hub and spokes (or many VNets without a hub): each top-level box (a VNet with what it holds, a
 * group) laid out by ELK on its own; the hub, if any, in the middle band between the groups, the
 * spokes in rows above and below it, by name, in as many columns as keep the whole near a screen's
 * shape; edges between boxes drawn straight between their facing sides.
 */
async function bandLayout(
  graph: DiagramGraph,
  { hub, spokes }: { hub?: DiagramNode; spokes: DiagramNode[] },
  given: ReadonlyMap<string | undefined, DiagramNode[]>,
  givenById: ReadonlyMap<string, DiagramNode>,
  elk: Elk,
  shapes: Map<string, Promise<ElkNode>>,
  cache?: LayoutCache,
): Promise<Layout> {
  // Each zone's box says how many VNets it is linked to (its links are drawn from its group).
  const linked = new Map<string, number>();
  for (const e of graph.edges) if (e.kind === "link") linked.set(e.from, (linked.get(e.from) ?? 0) + 1);
  const withCount = (n: DiagramNode): DiagramNode => (linked.has(n.id) ? { ...n, detail: `linked to ${linked.get(n.id)} VNet${linked.get(n.id) === 1 ? "" : "s"}` } : n);
  const children = new Map([...given].map(([k, list]) => [k, list.map(withCount)]));
  const byId = new Map([...givenById].map(([k, n]) => [k, withCount(n)]));
  const top = children.get(undefined) ?? [];
  const topOf = new Map<string, string>();
  for (const t of top) {
    const stack = [t];
    while (stack.length) {
      const n = stack.pop()!;
      topOf.set(n.id, t.id);
      for (const c of children.get(n.id) ?? []) stack.push(c);
    }
  }
  // Each top-level box alone, with the edges inside it; all asked at once, so the ELK's timers
  // run together rather than one spoke after another.
  const inside = new Map<string, DiagramEdge[]>();
  for (const e of graph.edges) {
    const t = topOf.get(e.from);
    if (t === undefined || t !== topOf.get(e.to)) continue;
    const list = inside.get(t);
    if (list) list.push(e);
    else inside.set(t, [e]);
  }
  const laidParts = await Promise.all(
    top.map((t) =>
      laidOut(
        elk,
        {
          id: `part:${t.id}`,
          layoutOptions: { ...ROOT_OPTIONS, "elk.padding": "[top=0,left=0,bottom=0,right=0]" },
          children: [elkNode(t, children, true)],
          edges: (inside.get(t.id) ?? []).map((e): ElkExtendedEdge => ({ id: e.id, sources: [e.from], targets: [e.to] })),
        },
        shapes,
        cache,
      ),
    ),
  );
  const parts = new Map<string, { laid: ElkNode; width: number; height: number }>();
  top.forEach((t, i) => parts.set(t.id, { laid: laidParts[i], width: laidParts[i].width ?? 0, height: laidParts[i].height ?? 0 }));
  const size = (id: string) => parts.get(id)!;
  const spokeIds = new Set(spokes.map((s) => s.id));
  // The middle band: groups and other VNets left and right of the hub.
  const others = top.filter((t) => t !== hub && !spokeIds.has(t.id));
  const left = others.filter((_, i) => i % 2 === 1);
  const right = others.filter((_, i) => i % 2 === 0);
  const band = [...left, ...(hub ? [hub] : []), ...right];
  const bandWidth = band.length ? band.reduce((w, t) => w + size(t.id).width, 0) + GAP * (band.length - 1) : 0;
  const bandHeight = band.reduce((h, t) => Math.max(h, size(t.id).height), 0);
  const cellW = spokes.reduce((w, s) => Math.max(w, size(s.id).width), 0) + GAP;
  const cellH = spokes.reduce((h, s) => Math.max(h, size(s.id).height), 0) + GAP;
  // Columns: the count whose whole is nearest a 1.6 width:height.
  let columns = 1;
  let best = Infinity;
  for (let c = 1; c <= spokes.length; c++) {
    const rows = Math.ceil(spokes.length / c);
    const w = Math.max(c * cellW - GAP, bandWidth);
    const h = rows * cellH + bandHeight + (rows > 1 ? GAP : 0);
    const score = Math.abs(Math.log(w / h / 1.6));
    if (score < best) (best = score), (columns = c);
  }
  const rows = Math.ceil(spokes.length / columns);
  const above = Math.ceil(rows / 2);
  const width = Math.max(columns * cellW - GAP, bandWidth) + 2 * 16;
  const at = new Map<string, { x: number; y: number }>();
  let y = 16;
  const placeRow = (row: DiagramNode[]) => {
    const rowWidth = row.length * cellW - GAP;
    let x = (width - rowWidth) / 2;
    for (const s of row) {
      at.set(s.id, { x: x + (cellW - GAP - size(s.id).width) / 2, y });
      x += cellW;
    }
    y += cellH;
  };
  for (let r = 0; r < above; r++) placeRow(spokes.slice(r * columns, (r + 1) * columns));
  let x = (width - bandWidth) / 2;
  for (const t of band) {
    at.set(t.id, { x, y: y + (bandHeight - size(t.id).height) / 2 });
    x += size(t.id).width + GAP;
  }
  if (band.length) y += bandHeight + GAP;
  for (let r = above; r < rows; r++) placeRow(spokes.slice(r * columns, (r + 1) * columns));
  const height = y - GAP + 16;

  const boxes: Box[] = [];
  const paths: Path[] = [];
  const kinds = edgeIndex(graph);
  for (const t of top) {
    const p = at.get(t.id)!;
    const part = placed(size(t.id).laid, byId, kinds, p.x, p.y);
    // One at a time: a group of thousands of boxes is too many arguments for one push.
    for (const b of part.boxes) boxes.push(b);
    for (const q of part.paths) paths.push(q);
  }
  // Edges between top-level boxes: straight, from the side of one facing the other. Zone links
  // are drawn once per VNet from the zones' group (every zone linked to every spoke would be
  // hundreds of lines); each zone's box says how many VNets it is linked to.
  const boxOf = new Map(boxes.map((b) => [b.id, b]));
  const drawn = new Set<string>();
  for (const e of graph.edges) {
    if (topOf.get(e.from) === topOf.get(e.to)) continue;
    const grouped = e.kind === "link" ? byId.get(e.from)?.parent : undefined;
    const from = grouped ?? e.from;
    const id = grouped ? `link:${grouped}:${e.to}` : e.id;
    if (drawn.has(id)) continue;
    drawn.add(id);
    const a = boxOf.get(from);
    const b = boxOf.get(e.to);
    if (a && b) paths.push({ id, kind: e.kind, from, to: e.to, points: facing(a, b) });
  }

  return { width: Math.ceil(width), height: Math.ceil(height), boxes, paths };
}

/** The two points where the line between two boxes' centres leaves each. */
function facing(a: Box, b: Box): { x: number; y: number }[] {
  const centre = (r: Box) => ({ x: r.x + r.width / 2, y: r.y + r.height / 2 });
  const ca = centre(a);
  const cb = centre(b);
  const exit = (r: Box, from: { x: number; y: number }, to: { x: number; y: number }) => {
    const dx = to.x - from.x;
    const dy = to.y - from.y;
    const t = Math.min(dx ? r.width / 2 / Math.abs(dx) : Infinity, dy ? r.height / 2 / Math.abs(dy) : Infinity, 1);
    return { x: from.x + dx * t, y: from.y + dy * t };
  };
  return [exit(a, ca, cb), exit(b, cb, ca)];
}
