// The laid-out diagram as SVG: one self-contained file (styles inline, no fonts or
// images fetched), every name XML-escaped. Each box is a focusable group carrying its node id and
// resource id, so the web view can select it with the mouse or the keyboard (the drawing is a
// labelled group, not an image, since it holds controls). Colours keep text at
// WCAG AA contrast (4.5:1) on every fill; the tests hold them to it.
import type { Box, Layout } from "./layout.ts";
import type { NodeKind } from "./graph.ts";

/** Fill and stroke per kind; text is always TEXT on the fill. */
export const PALETTE: Readonly<Record<NodeKind, { readonly fill: string; readonly stroke: string }>> = {
  vnet: { fill: "#eef4fb", stroke: "#2f6db5" },
  subnet: { fill: "#ffffff", stroke: "#5b7fae" },
  group: { fill: "#f4f4f4", stroke: "#767676" },
  managed: { fill: "#f3eefb", stroke: "#6f45a8" },
  endpoint: { fill: "#e3f2e6", stroke: "#2e7d32" },
  compute: { fill: "#fff4e0", stroke: "#a35f00" },
  vm: { fill: "#e8eaf6", stroke: "#3949ab" },
  client: { fill: "#e8eaf6", stroke: "#3949ab" },
  bastion: { fill: "#fdecea", stroke: "#c62828" },
  firewall: { fill: "#fdecea", stroke: "#c62828" },
  gateway: { fill: "#fdecea", stroke: "#c62828" },
  paas: { fill: "#e0f2f1", stroke: "#00695c" },
  zone: { fill: "#fffbe0", stroke: "#7a6a00" },
};
export const TEXT = "#1b1f24";
export const DETAIL = "#3d4650";
export const EDGE = { endpoint: "#2e7d32", peering: "#2f6db5", link: "#7a6a00" } as const;

/**
 * Text for SVG: markup characters escaped, and characters XML 1.0 can't hold at all (controls
 * other than tab and line breaks, lone surrogates, U+FFFE/U+FFFF) shown as their escape, so a
 * name holding one still gives a well-formed file.
 */
export function escapeXml(s: string): string {
  return s
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`)
    .replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

const KIND_NAME: Readonly<Record<NodeKind, string>> = {
  vnet: "VNet",
  subnet: "subnet",
  group: "group",
  managed: "managed network",
  endpoint: "private endpoint",
  compute: "compute",
  vm: "VM",
  client: "client",
  bastion: "Bastion",
  firewall: "firewall",
  gateway: "gateway",
  paas: "service",
  zone: "private DNS zone",
};

function box(b: Box): string {
  const c = PALETTE[b.kind];
  const dashed = b.kind === "subnet" || b.kind === "group" ? ' stroke-dasharray="5 3"' : "";
  const label = escapeXml(b.label);
  const detail = b.detail ? escapeXml(b.detail) : undefined;
  const title = `${KIND_NAME[b.kind]} ${b.label}${b.detail ? ` (${b.detail})` : ""}`;
  const textY = b.container ? 20 : detail ? 19 : 27;
  return [
    `<g class="node kind-${b.kind}" data-id="${escapeXml(b.id)}" data-name="${label}"${b.resourceId ? ` data-resource="${escapeXml(b.resourceId)}"` : ""} transform="translate(${b.x.toFixed(1)},${b.y.toFixed(1)})" tabindex="0" role="button" aria-label="${escapeXml(title)}">`,
    `<title>${escapeXml(title)}</title>`,
    `<rect width="${b.width.toFixed(1)}" height="${b.height.toFixed(1)}" rx="${b.container ? 8 : 5}" fill="${c.fill}" stroke="${c.stroke}" stroke-width="${b.container ? 1.5 : 1.25}"${dashed}/>`,
    `<text x="10" y="${textY}" font-weight="600" fill="${TEXT}">${label}</text>`,
    detail ? `<text x="10" y="${textY + 16}" fill="${DETAIL}" font-size="12">${detail}</text>` : "",
    `</g>`,
  ].join("");
}

function path(p: Layout["paths"][number]): string {
  if (p.points.length < 2) return "";
  const d = p.points.map((pt, i) => `${i ? "L" : "M"}${pt.x.toFixed(1)} ${pt.y.toFixed(1)}`).join(" ");
  const style = p.kind === "peering" ? ' stroke-width="2.5" stroke-dasharray="8 4"' : p.kind === "link" ? ' stroke-width="1.5" stroke-dasharray="2 3"' : ' stroke-width="1.5" marker-end="url(#arrow)"';
  return `<path class="edge edge-${p.kind}" data-from="${escapeXml(p.from)}" data-to="${escapeXml(p.to)}" d="${d}" fill="none" stroke="${EDGE[p.kind]}"${style}/>`;
}

/** The whole diagram; containers first so what they hold is drawn on top. */
export function diagramSvg(layout: Layout, title: string): string {
  const parentOf = new Map(layout.boxes.map((b) => [b.id, b.parent]));
  const depth = (b: Box): number => {
    let d = 0;
    for (let p = b.parent; p; p = parentOf.get(p)) d++;
    return d;
  };
  const ordered = [...layout.boxes].map((b) => ({ b, d: depth(b) })).sort((x, y) => x.d - y.d).map((x) => x.b);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${layout.width} ${layout.height}" width="${layout.width}" height="${layout.height}" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif" font-size="13" role="group" aria-labelledby="diagram-title">`,
    `<title id="diagram-title">${escapeXml(title)}</title>`,
    `<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z" fill="${EDGE.endpoint}"/></marker></defs>`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<g class="boxes">${ordered.map(box).join("")}</g>`,
    `<g class="edges">${layout.paths.map(path).join("")}</g>`,
    `</svg>`,
    "",
  ].join("\n");
}
