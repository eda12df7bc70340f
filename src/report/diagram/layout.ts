// Laying the diagram graph out with elkjs: ELK's layered algorithm over compound nodes
// (VNets hold subnets, subnets hold what sits in them), edges routed orthogonally across the
// hierarchy. The result is absolute boxes and edge paths, the same for the same graph: ELK is
// deterministic, and the graph is built in model order.
import type { ElkEdgeSection, ElkExtendedEdge, ElkNode } from "elkjs/lib/elk-api.js";
import type { DiagramGraph, DiagramNode, EdgeKind, NodeKind } from "./graph.ts";

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

type ElkConstructor = new () => { layout(graph: ElkNode): Promise<ElkNode> };

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

export async function layoutDiagram(graph: DiagramGraph): Promise<Layout> {
  const children = new Map<string | undefined, DiagramNode[]>();
  for (const n of graph.nodes) children.set(n.parent, [...(children.get(n.parent) ?? []), n]);
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const elkNode = (n: DiagramNode): ElkNode => {
    const inner = children.get(n.id) ?? [];
    if (!inner.length && (n.kind === "vnet" || n.kind === "subnet" || n.kind === "group" || n.kind === "managed")) {
      // An empty container still shows its name.
      return { id: n.id, width: Math.max(140, Math.ceil(Math.max(n.label.length, (n.detail ?? "").length) * CHAR_WIDTH) + 24), height: LEAF_HEIGHT + 8 };
    }
    if (!inner.length) return { id: n.id, ...leafSize(n) };
    const minWidth = Math.ceil(Math.max(n.label.length, (n.detail ?? "").length + 2) * CHAR_WIDTH) + 24;
    return {
      id: n.id,
      layoutOptions: {
        "elk.padding": `[top=${HEADER + (n.detail ? 14 : 0)},left=12,bottom=12,right=12]`,
        "elk.nodeSize.constraints": "MINIMUM_SIZE",
        "elk.nodeSize.minimum": `(${minWidth}, 60)`,
        "elk.direction": n.kind === "vnet" ? "DOWN" : "RIGHT",
      },
      children: inner.map(elkNode),
    };
  };
  const root: ElkNode = {
    id: "root",
    layoutOptions: {
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
    },
    children: (children.get(undefined) ?? []).map(elkNode),
    edges: graph.edges.map((e): ElkExtendedEdge => ({ id: e.id, sources: [e.from], targets: [e.to] })),
  };
  const ELK = await loadElk();
  const laid = await new ELK().layout(root);
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
  walk(laid, 0, 0, undefined);
  // Edge coordinates are relative to the edge's container; with hierarchy handling ELK reports it.
  const offset = new Map(boxes.map((b) => [b.id, { x: b.x, y: b.y }]));
  const kinds = new Map(graph.edges.map((e) => [e.id, e]));
  const paths: Path[] = ((laid.edges ?? []) as (ElkExtendedEdge & { sections?: ElkEdgeSection[] })[]).map((e) => {
    const container = (e as { container?: string }).container;
    const o = container && container !== "root" ? (offset.get(container) ?? { x: 0, y: 0 }) : { x: 0, y: 0 };
    const s = e.sections?.[0];
    const points = s ? [s.startPoint, ...(s.bendPoints ?? []), s.endPoint].map((p) => ({ x: p.x + o.x, y: p.y + o.y })) : [];
    const d = kinds.get(e.id)!;
    return { id: e.id, kind: d.kind, from: d.from, to: d.to, points };
  });
  return { width: Math.ceil(laid.width ?? 0), height: Math.ceil(laid.height ?? 0), boxes, paths };
}
