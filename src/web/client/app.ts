// The web view's page: the diagram, findings for the selected resource with the rule's
// documents, a flow explorer that draws a trace on the diagram, the documented flows coloured
// pass / blocked, and what-if switches that redraw. Everything goes through the loopback JSON API
// with the session token; text from the input is set as text, never parsed as markup (the diagram
// arrives as SVG the server escaped).
interface Finding {
  ruleId: string;
  severity: "error" | "warning" | "info";
  title: string;
  message: string;
  fix: string;
  resourceId?: string;
  position: { file: string; line: number; col: number };
  suppressed?: string;
}
interface RuleInfo {
  id: string;
  title: string;
  description: string;
  docs: { title: string; url: string }[];
}
interface State {
  file: string;
  /** How many times the server re-opened the input. */
  revision: number;
  svg: string;
  findings: Finding[];
  rules: Record<string, RuleInfo>;
  flows: { id: string; from: string; verdict: "pass" | "fail" | "unknown"; before?: "pass" | "fail" | "unknown" }[];
  ends: { from: string[]; to: string[] };
  switches: { publicAccess: string; endpoints: { id: string; name: string }[]; links: { id: string; name: string }[] };
  applied: { publicAccess?: string; removeEndpoints?: string[]; dropLinks?: string[] };
  ms: number;
  errors?: { message: string; position: { file: string; line: number; col: number } }[];
  /** The file changed and no longer opens: what is shown is the last input that did. */
  reloadErrors?: { message: string; position: { file: string; line: number; col: number } }[];
}
interface Hop {
  step: string;
  ok: boolean;
  detail: string;
  fix?: string;
  resourceId?: string;
}
interface TraceResult {
  error?: string;
  from: string;
  to: string;
  verdict: "pass" | "fail" | "unknown";
  hops: Hop[];
  nodes: string[];
  client: string;
}

const token = document.querySelector<HTMLMetaElement>('meta[name="amlnet-token"]')!.content;
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
let state: State | undefined;
let selected: string | undefined;
/** This page's what-if: sent with every request, never kept by the server. */
let applied: State["applied"] = {};
const hasWhatIf = () => Object.keys(applied).length > 0;

async function api<T>(path: string, body?: object): Promise<T> {
  const res = await fetch(path, {
    method: body ? "POST" : "GET",
    headers: { "x-amlnet-token": token, ...(body ? { "content-type": "application/json" } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!res.ok) throw new Error(`${path}: ${res.status}`);
  return (await res.json()) as T;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  for (const c of children) e.append(c);
  return e;
}

// The newest revision of the input the server announced, and the one on screen.
let announced = 0;
let rendered: number | undefined;
const load = (): Promise<State> => (hasWhatIf() ? api<State>("/api/whatif", applied) : api<State>("/api/state"));
const refresh = (): void => void load().then(render);

function render(s: State): void {
  rendered = s.revision;
  if (announced > s.revision) refresh();
  state = s;
  $("file").textContent = s.file;
  $("file").title = s.file;
  if (s.errors) {
    $("status").textContent = `The input doesn't open: ${s.errors.map((e) => `${e.position.line}:${e.position.col} ${e.message}`).join("; ")}`;
    renderErrors(s.errors);
    return;
  }
  // The file changed and doesn't open: the diagram is the last version that did, marked stale.
  $("diagram-pane").classList.toggle("stale", !!s.reloadErrors);
  $("stale").hidden = !s.reloadErrors;
  const blocked = s.flows.filter((f) => f.verdict === "fail").length;
  const changed = s.flows.filter((f) => f.before && f.before !== f.verdict).length;
  const stale = s.reloadErrors ? `The file changed and doesn't open (${s.reloadErrors.map((e) => `${e.position.line}:${e.position.col} ${e.message}`).join("; ")}); showing the last version that did. ` : "";
  $("status").textContent = `${stale}${s.findings.filter((f) => f.severity === "error").length} error(s), ${s.flows.length} flows, ${blocked} blocked${changed ? `, ${changed} changed by the what-if` : ""} (drawn in ${s.ms} ms)`;
  $("diagram").innerHTML = s.svg;
  showDiagram();
  markFindings();
  for (const node of document.querySelectorAll<SVGGElement>("#diagram .node")) {
    node.addEventListener("click", () => select(node));
    node.addEventListener("keydown", (ev) => {
      if (ev.key === "Enter" || ev.key === " ") {
        ev.preventDefault();
        select(node);
      } else if (ev.key.startsWith("Arrow")) {
        ev.preventDefault();
        nearest(node, ev.key)?.focus();
      }
    });
  }
  renderFindings();
  renderEnds();
  renderSwitches();
  renderFlows();
}

function markFindings(): void {
  for (const f of state!.findings) {
    if (!f.resourceId || f.suppressed) continue;
    const node = document.querySelector(`#diagram .node[data-resource="${CSS.escape(f.resourceId)}"]`);
    if (f.severity === "error") node?.classList.add("has-error");
    else if (f.severity === "warning" && !node?.classList.contains("has-error")) node?.classList.add("has-warning");
  }
}

function select(node: Element): void {
  document.querySelectorAll("#diagram .node.selected").forEach((n) => n.classList.remove("selected"));
  node.classList.add("selected");
  selected = node.getAttribute("data-resource") ?? undefined;
  renderFindings();
}

/** Input errors in the findings panel, each at its place, instead of findings of a version that is gone. */
function renderErrors(errors: NonNullable<State["errors"]>): void {
  $("findings-scope").textContent = "(the file doesn't open)";
  $("show-all").hidden = true;
  $("findings").replaceChildren(
    ...errors.map((e) => el("li", { class: "sev-error" }, el("p", {}, el("span", { class: "rule" }, "error"), ` ${e.message}`), el("p", { class: "fix" }, `${e.position.file}:${e.position.line}:${e.position.col}`))),
  );
}

function renderFindings(): void {
  if (state?.reloadErrors) return renderErrors(state.reloadErrors);
  const list = $("findings");
  list.replaceChildren();
  const shown = state!.findings.filter((f) => !selected || f.resourceId?.toLowerCase() === selected.toLowerCase());
  const label = selected ? document.querySelector(`#diagram .node.selected`)?.getAttribute("aria-label") : undefined;
  $("findings-scope").textContent = selected ? `for ${label ?? selected}` : `(${state!.findings.length})`;
  $("show-all").hidden = !selected;
  if (!shown.length) list.append(el("li", {}, selected ? "No findings for this resource." : "No findings."));
  for (const f of shown) {
    const info = state!.rules[f.ruleId];
    const docs = el("p", { class: "docs" });
    for (const d of info?.docs ?? []) docs.append(el("a", { href: d.url, target: "_blank", rel: "noreferrer noopener" }, d.title), " ");
    list.append(
      el(
        "li",
        { class: `sev-${f.severity}` },
        el("p", {}, el("span", { class: "rule" }, `${f.severity} ${f.ruleId}`), ` ${f.title}`),
        el("p", {}, f.message),
        el("p", { class: "fix" }, `Fix: ${f.fix}`),
        el("p", { class: "fix" }, `${f.position.file}:${f.position.line}:${f.position.col}${f.suppressed ? ` (suppressed: ${f.suppressed})` : ""}`),
        ...(info ? [el("details", {}, el("summary", {}, "Why"), el("p", {}, info.description)), docs] : []),
      ),
    );
  }
}

function renderEnds(): void {
  for (const [id, names] of [
    ["trace-from", state!.ends.from],
    ["trace-to", state!.ends.to],
  ] as const) {
    const select = $<HTMLSelectElement>(id);
    const before = select.value;
    select.replaceChildren(...names.map((n) => el("option", { value: n }, n)));
    if (names.includes(before)) select.value = before;
  }
}

function renderSwitches(): void {
  const s = state!;
  $<HTMLInputElement>("whatif-public").checked = (s.applied.publicAccess ?? s.switches.publicAccess) === "Enabled";
  const boxes = (id: string, items: { id: string; name: string }[], on: string[] | undefined, name: string) =>
    $(id).replaceChildren(
      ...items.map((x) => el("label", {}, Object.assign(el("input", { type: "checkbox", name, value: x.id }), { checked: !!on?.includes(x.id) }), ` ${x.name}`)),
    );
  boxes("whatif-endpoints", s.switches.endpoints, s.applied.removeEndpoints, "endpoint");
  boxes("whatif-links", s.switches.links, s.applied.dropLinks, "link");
  filterList("whatif-endpoints", $<HTMLInputElement>("filter-endpoints").value);
  filterList("whatif-links", $<HTMLInputElement>("filter-links").value);
  $("search-names").replaceChildren(...[...new Set([...document.querySelectorAll("#diagram .node")].map((n) => n.getAttribute("data-name") ?? ""))].sort().map((n) => el("option", { value: n })));
}

/**
 * The flows grouped by source, each a closed group saying how many flows it holds and how many
 * are blocked; opened, a button per destination traces its flow. Hundreds of flows stay readable.
 */
function renderFlows(): void {
  const split = (id: string) => {
    const at = id.indexOf(" -> ");
    return [id.slice(0, at), id.slice(at + 4)] as const;
  };
  const bySource = new Map<string, State["flows"]>();
  for (const f of state!.flows) bySource.set(split(f.id)[0], [...(bySource.get(split(f.id)[0]) ?? []), f]);
  const open = new Set([...document.querySelectorAll<HTMLDetailsElement>("#flows details[open]")].map((d) => d.dataset.source));
  const groups = [...bySource].map(([src, flows]) => {
    const blocked = flows.filter((f) => f.verdict === "fail").length;
    const changed = flows.filter((f) => f.before && f.before !== f.verdict).length;
    const items = flows.map((f) => {
      const moved = f.before && f.before !== f.verdict;
      const word = f.verdict === "pass" ? "pass" : f.verdict === "unknown" ? "UNKNOWN" : "BLOCKED";
      const button = el("button", { type: "button", "aria-label": `${f.id}: ${word}, show the trace` }, `${split(f.id)[1]}: ${word}`);
      button.addEventListener("click", () => void runTrace({ flow: f.id }));
      return el("li", { class: `flow ${f.verdict}${moved ? " changed" : ""}` }, button, moved ? ` (was ${f.before})` : "");
    });
    const details = el(
      "details",
      { "data-source": src },
      el("summary", {}, el("span", { class: blocked ? "blocked" : "ok" }, src), ` ${flows.length} flow(s), ${blocked} blocked${changed ? `, ${changed} changed` : ""}`),
      el("ul", { class: "flows" }, ...items),
    );
    if (open.has(src)) details.open = true;
    return details;
  });
  $("flows").replaceChildren(...groups);
}

let lastFrom = "";
let lastTo = "";

async function runTrace(q: { from?: string; to?: string; port?: number; flow?: string }): Promise<void> {
  const t = await api<TraceResult>("/api/trace", { ...q, whatif: applied });
  const flow = q.flow ? state!.flows.find((f) => f.id === q.flow) : undefined;
  lastFrom = q.from ?? flow?.from ?? "";
  lastTo = q.to ?? "";
  const out = $("trace-result");
  clearTrace();
  if (t.error) {
    out.replaceChildren(el("p", { class: "blocked" }, t.error));
    return;
  }
  const hops = el("ol", { class: "hops" });
  for (const h of t.hops) hops.append(el("li", {}, el("span", { class: h.ok ? "ok" : "blocked" }, h.ok ? "ok" : "BLOCKED"), ` ${h.step}: ${h.detail}`, ...(h.fix ? [el("br"), el("span", { class: "fix" }, `Fix: ${h.fix}`)] : [])));
  const word = t.verdict === "pass" ? "pass" : t.verdict === "unknown" ? "UNKNOWN" : "BLOCKED";
  out.replaceChildren(el("p", {}, el("span", { class: t.verdict === "pass" ? "ok" : t.verdict === "unknown" ? "unknown" : "blocked" }, word), ` ${t.from} → ${t.to}`), hops);
  drawTrace(t);
}

function clearTrace(): void {
  document.querySelectorAll("#diagram .on-trace").forEach((n) => n.classList.remove("on-trace", "trace-pass", "trace-fail"));
  document.querySelectorAll("#diagram .trace-line").forEach((n) => n.remove());
}

/** The trace on the diagram: its ends and the resources its hops name, joined by a line. */
function drawTrace(t: TraceResult): void {
  // The ends by name (a client, a compute, a subnet, a resource) and the resources the hops name.
  const byName = (name: string) => (name ? document.querySelector<SVGGElement>(`#diagram .node[data-name="${CSS.escape(name.split("/").pop()!.split(":")[0])}"]`) : null);
  const byId = (id: string) => document.querySelector<SVGGElement>(`#diagram .node[data-id="${CSS.escape(id)}"]`);
  const nodes = [byId(t.client) ?? byName(lastFrom), ...t.nodes.map(byId), byName(lastTo)].filter((n, i, all): n is SVGGElement => !!n && all.indexOf(n) === i);
  const svg = document.querySelector("#diagram svg");
  if (!svg) return;
  const centres = nodes.map((n) => {
    n.classList.add("on-trace", t.verdict === "pass" ? "trace-pass" : "trace-fail");
    const b = boxOf(n);
    return { x: b.x + b.w / 2, y: b.y + b.h / 2 };
  });
  // The view closes in on the trace (with room around it), so its hops can be read.
  if (nodes.length) {
    const boxes = nodes.map(boxOf);
    const x0 = Math.min(...boxes.map((b) => b.x)) - 60;
    const y0 = Math.min(...boxes.map((b) => b.y)) - 60;
    const x1 = Math.max(...boxes.map((b) => b.x + b.w)) + 60;
    const y1 = Math.max(...boxes.map((b) => b.y + b.h)) + 60;
    const w = Math.max(x1 - x0, ((y1 - y0) * full.w) / full.h, 400);
    const h = (w * full.h) / full.w;
    view = { x: (x0 + x1) / 2 - w / 2, y: (y0 + y1) / 2 - h / 2, w, h };
    applyView();
  }
  if (centres.length > 1) {
    // Each leg routed around the other boxes (not over their labels), from hop to hop.
    const own = new Set<Element>(nodes);
    const obstacles = [...document.querySelectorAll<SVGGElement>("#diagram .node")].filter((n) => !own.has(n) && !isContainer(n)).map(boxOf);
    const points: { x: number; y: number }[] = [];
    for (let i = 1; i < centres.length; i++) {
      const [a, b] = [centres[i - 1], centres[i]];
      // From one VNet into a peered one: out through the peering drawn between them.
      const via = peeringBetween(a, b);
      const stops = [a, ...(via ? [via] : []), b];
      for (let k = 1; k < stops.length; k++) {
        const leg = route(stops[k - 1], stops[k], obstacles);
        points.push(...(points.length ? leg.slice(1) : leg));
      }
      if (via) {
        const label = document.createElementNS("http://www.w3.org/2000/svg", "text");
        label.setAttribute("x", String(via.x + 6));
        label.setAttribute("y", String(via.y - 6));
        label.setAttribute("class", "trace-line hop-label pass");
        label.textContent = "✓ peering";
        svg.append(label);
      }
    }
    const line = document.createElementNS("http://www.w3.org/2000/svg", "polyline");
    line.setAttribute("points", points.map((p) => `${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(" "));
    line.setAttribute("class", `trace-line ${t.verdict}`);
    svg.append(line);
  }
  // Each hop at the element it passes (an endpoint, a firewall, a service): its verdict, and for a
  // blocked one, why, written at that element.
  // Hops decided where the packet starts (DNS, its subnet's routes and NSG) stack at the source.
  const stacked = new Map<Element, number>();
  for (const h of t.hops) {
    const node = (h.resourceId ? byId(h.resourceId.toLowerCase()) : null) ?? nodes[0];
    if (!node) continue;
    const at = boxOf(node);
    const row = stacked.get(node) ?? 0;
    stacked.set(node, row + 1);
    const label = document.createElementNS("http://www.w3.org/2000/svg", "text");
    label.setAttribute("x", String(at.x));
    label.setAttribute("y", String(at.y - 6 - 14 * row));
    label.setAttribute("class", `trace-line hop-label ${h.ok ? "pass" : "fail"}`);
    label.textContent = h.ok ? `✓ ${h.step}` : `✗ ${h.step}: ${h.detail.length > 70 ? `${h.detail.slice(0, 69)}…` : h.detail}`;
    svg.append(label);
  }
}

$("trace-form").addEventListener("submit", (ev) => {
  ev.preventDefault();
  void runTrace({ from: $<HTMLSelectElement>("trace-from").value, to: $<HTMLSelectElement>("trace-to").value, port: Number($<HTMLInputElement>("trace-port").value) || 443 });
});

$("whatif-form").addEventListener("submit", (ev) => {
  ev.preventDefault();
  const checked = (name: string) => [...document.querySelectorAll<HTMLInputElement>(`input[name="${name}"]:checked`)].map((i) => i.value);
  const publicAccess = $<HTMLInputElement>("whatif-public").checked ? "Enabled" : "Disabled";
  const removeEndpoints = checked("endpoint");
  const dropLinks = checked("link");
  applied = {
    ...(publicAccess !== state?.switches.publicAccess ? { publicAccess } : {}),
    ...(removeEndpoints.length ? { removeEndpoints } : {}),
    ...(dropLinks.length ? { dropLinks } : {}),
  };
  void load().then(render);
});

$("fit").addEventListener("click", () => fitView());
$("zoom-in").addEventListener("click", () => zoomBy(1 / 1.25));
$("zoom-out").addEventListener("click", () => zoomBy(1.25));
$("diagram-pane").addEventListener("keydown", (ev) => {
  if (ev.target instanceof HTMLInputElement) return;
  if (ev.key === "+" || ev.key === "=") zoomBy(1 / 1.25);
  else if (ev.key === "-") zoomBy(1.25);
  else if (ev.key === "0") fitView();
  else return;
  ev.preventDefault();
});
$("search-form").addEventListener("submit", (ev) => {
  ev.preventDefault();
  find($<HTMLInputElement>("search").value);
});
for (const [input, list] of [
  ["filter-endpoints", "whatif-endpoints"],
  ["filter-links", "whatif-links"],
] as const)
  $(input).addEventListener("input", () => filterList(list, $<HTMLInputElement>(input).value));
// Escape clears the selection and the trace drawn.
document.addEventListener("keydown", (ev) => {
  if (ev.key !== "Escape") return;
  clearTrace();
  clearSelection();
});
$("whatif-reset").addEventListener("click", () => {
  applied = {};
  void load().then(render);
});
$("show-all").addEventListener("click", () => clearSelection());

function clearSelection(): void {
  selected = undefined;
  document.querySelectorAll("#diagram .node.selected").forEach((n) => n.classList.remove("selected"));
  if (state) renderFindings();
}

// The diagram's view: its viewBox, fitted to the pane on load, zoomed around the pointer with the
// wheel (or +, - and 0 in the pane), panned by dragging.
let full = { x: 0, y: 0, w: 1, h: 1 };
let view = { ...full };

function svgOf(): SVGSVGElement | null {
  return document.querySelector<SVGSVGElement>("#diagram svg");
}

function showDiagram(): void {
  const svg = svgOf();
  if (!svg) return;
  const [x, y, w, h] = (svg.getAttribute("viewBox") ?? "0 0 1 1").split(" ").map(Number);
  const same = full.w === w && full.h === h;
  full = { x, y, w, h };
  svg.removeAttribute("width");
  svg.removeAttribute("height");
  // The same drawing again (a what-if, a reload): the view stays where the user left it.
  if (!same) view = { ...full };
  applyView();
  svg.addEventListener("wheel", (ev) => {
    ev.preventDefault();
    zoomBy(Math.pow(1.0015, ev.deltaY), pointIn(svg, ev));
  }, { passive: false });
  let drag: { x: number; y: number; view: typeof view; moved: boolean } | undefined;
  svg.addEventListener("pointerdown", (ev) => {
    drag = { x: ev.clientX, y: ev.clientY, view: { ...view }, moved: false };
  });
  svg.addEventListener("pointermove", (ev) => {
    if (!drag || !(ev.buttons & 1)) return;
    const dx = ev.clientX - drag.x;
    const dy = ev.clientY - drag.y;
    if (!drag.moved && Math.hypot(dx, dy) < 4) return;
    drag.moved = true;
    const scale = view.w / svg.clientWidth;
    view = { ...view, x: drag.view.x - dx * scale, y: drag.view.y - dy * scale };
    applyView();
  });
  svg.addEventListener("pointerup", () => setTimeout(() => (drag = undefined)));
  // A drag that moved is a pan, not a click on the box it started on.
  svg.addEventListener("click", (ev) => drag?.moved && ev.stopPropagation(), true);
}

function applyView(): void {
  svgOf()?.setAttribute("viewBox", `${view.x} ${view.y} ${view.w} ${view.h}`);
  $("zoom-level").textContent = `${Math.round((full.w / view.w) * 100)}%`;
}

function fitView(): void {
  view = { ...full };
  applyView();
}

/** Zoom by `factor` (below 1 zooms in) around a point of the drawing (the view's centre by default). */
function zoomBy(factor: number, at?: { x: number; y: number }): void {
  const w = Math.min(Math.max(view.w * factor, 80), full.w * 2);
  const f = w / view.w;
  const c = at ?? { x: view.x + view.w / 2, y: view.y + view.h / 2 };
  view = { x: c.x - (c.x - view.x) * f, y: c.y - (c.y - view.y) * f, w, h: view.h * f };
  applyView();
}

function pointIn(svg: SVGSVGElement, ev: MouseEvent): { x: number; y: number } {
  const m = svg.getScreenCTM();
  if (!m) return { x: view.x + view.w / 2, y: view.y + view.h / 2 };
  const p = new DOMPoint(ev.clientX, ev.clientY).matrixTransform(m.inverse());
  return { x: p.x, y: p.y };
}

function boxOf(node: Element): { x: number; y: number; w: number; h: number } {
  const m = /translate\(([\d.-]+),([\d.-]+)\)/.exec(node.getAttribute("transform") ?? "");
  const r = node.querySelector("rect");
  return { x: Number(m?.[1] ?? 0), y: Number(m?.[2] ?? 0), w: Number(r?.getAttribute("width") ?? 0), h: Number(r?.getAttribute("height") ?? 0) };
}

/** Search: the first box whose name holds the text, selected, shown in the view and focused. */
function find(text: string): void {
  const q = text.trim().toLowerCase();
  const nodes = [...document.querySelectorAll<SVGGElement>("#diagram .node")];
  const hit = q ? (nodes.find((n) => (n.getAttribute("data-name") ?? "").toLowerCase() === q) ?? nodes.find((n) => (n.getAttribute("aria-label") ?? "").toLowerCase().includes(q))) : undefined;
  $("search-status").textContent = q && !hit ? `Nothing named like "${text.trim()}".` : "";
  if (!hit) return;
  select(hit);
  const b = boxOf(hit);
  const w = Math.min(Math.max(b.w * 4, 600), full.w);
  const h = (w * full.h) / full.w;
  view = { x: b.x + b.w / 2 - w / 2, y: b.y + b.h / 2 - h / 2, w, h };
  applyView();
  hit.focus();
}

/** The nearest box in an arrow key's direction, for moving between boxes with the keyboard. */
function nearest(from: Element, key: string): SVGGElement | undefined {
  const a = boxOf(from);
  const ca = { x: a.x + a.w / 2, y: a.y + a.h / 2 };
  const dir = { ArrowRight: [1, 0], ArrowLeft: [-1, 0], ArrowDown: [0, 1], ArrowUp: [0, -1] }[key];
  if (!dir) return undefined;
  let best: { node: SVGGElement; score: number } | undefined;
  for (const node of document.querySelectorAll<SVGGElement>("#diagram .node")) {
    if (node === from) continue;
    const b = boxOf(node);
    const dx = b.x + b.w / 2 - ca.x;
    const dy = b.y + b.h / 2 - ca.y;
    const along = dx * dir[0] + dy * dir[1];
    if (along <= 0) continue;
    const across = Math.abs(dx * dir[1] - dy * dir[0]);
    const score = along + 2 * across;
    if (!best || score < best.score) best = { node, score };
  }
  return best?.node;
}

/** The VNet box holding a point of the drawing. */
function vnetAt(p: { x: number; y: number }): Element | undefined {
  return [...document.querySelectorAll("#diagram .node.kind-vnet")].find((n) => {
    const b = boxOf(n);
    return p.x >= b.x && p.x <= b.x + b.w && p.y >= b.y && p.y <= b.y + b.h;
  });
}

/** Where the peering drawn between the VNets holding two points leaves the first, when they differ and are peered. */
function peeringBetween(a: { x: number; y: number }, b: { x: number; y: number }): { x: number; y: number } | undefined {
  const va = vnetAt(a)?.getAttribute("data-id");
  const vb = vnetAt(b)?.getAttribute("data-id");
  if (!va || !vb || va === vb) return undefined;
  const edge = [...document.querySelectorAll<SVGPathElement>("#diagram path.edge-peering")].find((e) => {
    const ends = [e.getAttribute("data-from"), e.getAttribute("data-to")];
    return ends.includes(va) && ends.includes(vb);
  });
  if (!edge) return undefined;
  // Where the peering leaves the first VNet (its border: no box of its own sits there).
  const p = edge.getPointAtLength(edge.getAttribute("data-from") === va ? 0 : edge.getTotalLength());
  return { x: p.x, y: p.y };
}

/** Whether a box holds others (a VNet, a subnet, a group): a trace may pass through it. */
function isContainer(node: Element): boolean {
  return /\bkind-(vnet|subnet|group|managed)\b/.test(node.getAttribute("class") ?? "");
}

/**
 * A path from `a` to `b` that keeps out of `obstacles` (with a small margin): A* over a grid of
 * GRID-unit cells, four directions, turns cost a little so the path stays straight; the corners
 * of the result. With no way around, the straight line.
 */
function route(a: { x: number; y: number }, b: { x: number; y: number }, obstacles: readonly { x: number; y: number; w: number; h: number }[]): { x: number; y: number }[] {
  const GRID = 10;
  const margin = 4;
  const x0 = Math.min(a.x, b.x) - 400;
  const y0 = Math.min(a.y, b.y) - 400;
  const cols = Math.ceil((Math.max(a.x, b.x) + 400 - x0) / GRID);
  const rows = Math.ceil((Math.max(a.y, b.y) + 400 - y0) / GRID);
  if (cols * rows > 600_000) return [a, b];
  const blocked = new Uint8Array(cols * rows);
  for (const o of obstacles) {
    const c0 = Math.max(0, Math.floor((o.x - margin - x0) / GRID));
    const c1 = Math.min(cols - 1, Math.floor((o.x + o.w + margin - x0) / GRID));
    const r0 = Math.max(0, Math.floor((o.y - margin - y0) / GRID));
    const r1 = Math.min(rows - 1, Math.floor((o.y + o.h + margin - y0) / GRID));
    for (let r = r0; r <= r1; r++) blocked.fill(1, r * cols + c0, r * cols + c1 + 1);
  }
  const cell = (p: { x: number; y: number }) => Math.floor((p.y - y0) / GRID) * cols + Math.floor((p.x - x0) / GRID);
  const start = cell(a);
  const goal = cell(b);
  blocked[start] = 0;
  blocked[goal] = 0;
  const gc = goal % cols;
  const gr = Math.floor(goal / cols);
  const cost = new Float64Array(cols * rows).fill(Infinity);
  const from = new Int32Array(cols * rows).fill(-1);
  const dirOf = new Int8Array(cols * rows).fill(-1);
  cost[start] = 0;
  // A binary heap of [priority, cell].
  const heap: [number, number][] = [[0, start]];
  const push = (item: [number, number]) => {
    heap.push(item);
    for (let i = heap.length - 1; i > 0; ) {
      const p = (i - 1) >> 1;
      if (heap[p][0] <= heap[i][0]) break;
      [heap[p], heap[i]] = [heap[i], heap[p]];
      i = p;
    }
  };
  const pop = (): [number, number] => {
    const top = heap[0];
    const last = heap.pop()!;
    if (heap.length) {
      heap[0] = last;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && heap[l][0] < heap[m][0]) m = l;
        if (r < heap.length && heap[r][0] < heap[m][0]) m = r;
        if (m === i) break;
        [heap[m], heap[i]] = [heap[i], heap[m]];
        i = m;
      }
    }
    return top;
  };
  const steps = [
    [1, 0],
    [-1, 0],
    [0, 1],
    [0, -1],
  ];
  while (heap.length) {
    const [, at] = pop();
    if (at === goal) break;
    const c = at % cols;
    const r = Math.floor(at / cols);
    for (let d = 0; d < 4; d++) {
      const nc = c + steps[d][0];
      const nr = r + steps[d][1];
      if (nc < 0 || nr < 0 || nc >= cols || nr >= rows) continue;
      const next = nr * cols + nc;
      if (blocked[next]) continue;
      const g = cost[at] + 1 + (dirOf[at] !== -1 && dirOf[at] !== d ? 2 : 0);
      if (g >= cost[next]) continue;
      cost[next] = g;
      from[next] = at;
      dirOf[next] = d;
      push([g + Math.abs(nc - gc) + Math.abs(nr - gr), next]);
    }
  }
  if (from[goal] === -1 && goal !== start) return [a, b];
  // The corners, from the goal back to the start.
  const corners: { x: number; y: number }[] = [b];
  for (let at = goal; from[at] !== -1; at = from[at])
    if (dirOf[at] !== dirOf[from[at]]) corners.push({ x: x0 + ((from[at] % cols) + 0.5) * GRID, y: y0 + (Math.floor(from[at] / cols) + 0.5) * GRID });
  corners.push(a);
  return corners.reverse();
}

function filterList(id: string, text: string): void {
  const q = text.trim().toLowerCase();
  for (const label of $(id).querySelectorAll("label")) label.hidden = !!q && !(label.textContent ?? "").toLowerCase().includes(q);
}

// The file changed on disk: the server re-opened it and says so on connecting and on each reload;
// a page behind fetches the new state.
new EventSource(`/api/events?token=${encodeURIComponent(token)}`).addEventListener("revision", (e) => {
  announced = Math.max(announced, Number((e as MessageEvent<string>).data));
  if (rendered !== undefined && rendered < announced) refresh();
});

void load().then(render, (e: unknown) => {
  $("status").textContent = `Can't load: ${String(e)}`;
});
