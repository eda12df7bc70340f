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
const refresh = (): void => void api<State>("/api/state").then(render);

function render(s: State): void {
  rendered = s.revision;
  if (announced > s.revision) refresh();
  state = s;
  $("file").textContent = s.file;
  if (s.errors) {
    $("status").textContent = `The input doesn't open: ${s.errors.map((e) => `${e.position.line}:${e.position.col} ${e.message}`).join("; ")}`;
    return;
  }
  const blocked = s.flows.filter((f) => f.verdict === "fail").length;
  const changed = s.flows.filter((f) => f.before && f.before !== f.verdict).length;
  const stale = s.reloadErrors ? `The file changed and doesn't open (${s.reloadErrors.map((e) => `${e.position.line}:${e.position.col} ${e.message}`).join("; ")}); showing the last version that did. ` : "";
  $("status").textContent = `${stale}${s.findings.filter((f) => f.severity === "error").length} error(s), ${s.flows.length} flows, ${blocked} blocked${changed ? `, ${changed} changed by the what-if` : ""} (drawn in ${s.ms} ms)`;
  $("diagram").innerHTML = s.svg;
  markFindings();
  for (const node of document.querySelectorAll<SVGGElement>("#diagram .node")) {
    node.addEventListener("click", () => select(node));
    node.addEventListener("keydown", (ev) => {
      if (ev.key === "Enter" || ev.key === " ") {
        ev.preventDefault();
        select(node);
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

function renderFindings(): void {
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
}

/** The flows as a matrix: a row per source, a column per destination, each cell pass or BLOCKED. */
function renderFlows(): void {
  const split = (id: string) => {
    const at = id.indexOf(" -> ");
    return [id.slice(0, at), id.slice(at + 4)] as const;
  };
  const sources = [...new Set(state!.flows.map((f) => split(f.id)[0]))];
  const targets = [...new Set(state!.flows.map((f) => split(f.id)[1]))];
  const cell = new Map(state!.flows.map((f) => [f.id, f]));
  const head = el("tr", {}, el("th", { scope: "col" }, "From / to"), ...targets.map((t) => el("th", { scope: "col" }, t)));
  const rows = sources.map((src) =>
    el(
      "tr",
      {},
      el("th", { scope: "row" }, src),
      ...targets.map((t) => {
        const f = cell.get(`${src} -> ${t}`);
        if (!f) return el("td", {}, "");
        const changed = f.before && f.before !== f.verdict;
        const button = el("button", { type: "button", "aria-label": `${f.id}: ${f.verdict === "pass" ? "pass" : "blocked"}, show the trace` }, f.verdict === "pass" ? "pass" : "BLOCKED");
        button.addEventListener("click", () => void runTrace({ flow: f.id }));
        return el("td", { class: `${f.verdict}${changed ? " changed" : ""}` }, button, changed ? ` (was ${f.before})` : "");
      }),
    ),
  );
  $("flows").replaceChildren(el("table", { class: "flows" }, el("thead", {}, head), el("tbody", {}, ...rows)));
}

let lastFrom = "";
let lastTo = "";

async function runTrace(q: { from?: string; to?: string; port?: number; flow?: string }): Promise<void> {
  const t = await api<TraceResult>("/api/trace", q);
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
    const m = /translate\(([\d.-]+),([\d.-]+)\)/.exec(n.getAttribute("transform") ?? "");
    const r = n.querySelector("rect")!;
    return `${Number(m?.[1] ?? 0) + Number(r.getAttribute("width")) / 2},${Number(m?.[2] ?? 0) + Number(r.getAttribute("height")) / 2}`;
  });
  if (centres.length > 1) {
    const line = document.createElementNS("http://www.w3.org/2000/svg", "polyline");
    line.setAttribute("points", centres.join(" "));
    line.setAttribute("class", `trace-line ${t.verdict}`);
    svg.append(line);
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
  void api<State>("/api/whatif", { publicAccess, removeEndpoints: checked("endpoint"), dropLinks: checked("link") }).then(render);
});

$("fit").addEventListener("click", () => {
  const fit = $("diagram").classList.toggle("fit");
  $("fit").setAttribute("aria-pressed", String(fit));
});
$("whatif-reset").addEventListener("click", () => void api<State>("/api/whatif", {}).then(render));
$("show-all").addEventListener("click", () => {
  selected = undefined;
  document.querySelectorAll("#diagram .node.selected").forEach((n) => n.classList.remove("selected"));
  renderFindings();
});

// The file changed on disk: the server re-opened it and says so on connecting and on each reload;
// a page behind fetches the new state.
new EventSource(`/api/events?token=${encodeURIComponent(token)}`).addEventListener("revision", (e) => {
  announced = Math.max(announced, Number((e as MessageEvent<string>).data));
  if (rendered !== undefined && rendered < announced) refresh();
});

void api<State>("/api/state").then(render, (e: unknown) => {
  $("status").textContent = `Can't load: ${String(e)}`;
});
