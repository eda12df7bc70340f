// The local web view's server: loopback only, a small JSON API over the library, and
// the bundled page. Nothing is fetched from elsewhere and nothing is served from the filesystem
// by path: three fixed assets and the API. Every request must name this server in its Host
// header (no DNS rebinding); every API call carries the session's token, which only the page
// served here knows, so another site can't drive it; responses carry a Content Security Policy.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import { byReadingOrder, drawDiagram, ruleInfo, switchesOf, whatIf, type InputError, type LayoutCache, type Opened, type Project, type WhatIf } from "../api/index.ts";

export interface Assets {
  readonly html: string;
  readonly js: string;
  readonly css: string;
}

export interface ServeOptions {
  /** Opens the input afresh (on start unless `opened` is given, and whenever it changes on disk). */
  readonly load: () => Opened;
  /** The input as already opened, so the server doesn't read it a second time at start. */
  readonly opened?: Opened;
  readonly assets: Assets;
  /** 0 picks a free port. */
  readonly port?: number;
}

export interface Running {
  readonly url: string;
  readonly port: number;
  readonly token: string;
  /**
   * Re-open the input and tell open pages to reload. An input that no longer opens leaves the last
   * good view in place, with the errors beside it; `errors` gives a failure found elsewhere (the
   * reload worker) without opening the input here.
   */
  reload(errors?: readonly InputError[]): void;
  close(): Promise<void>;
}

export const CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
const MAX_BODY = 64 * 1024;
/** How many what-if projects the server keeps (pages ask again after a reload). */
const WHATIF_CACHE = 8;

export async function startServer(options: ServeOptions): Promise<Running> {
  const token = randomBytes(24).toString("hex");
  let opened = options.opened ?? options.load();
  // Each reload of the input is a revision; a page that connects (or reconnects) to the events
  // after a reload learns it from the revision sent on connecting, so no reload is ever missed.
  let revision = 0;
  // The errors of the last reload when it failed and an earlier input is still shown.
  let failedReload: readonly InputError[] | undefined;
  // Each page holds its own what-if and sends it with each request: the server keeps none, only
  // the projects of the last few switch sets asked for (a bounded cache, emptied on reload), so
  // two pages never see each other's.
  const cache = new Map<string, Project>();
  // The diagram's layouts, reused across what-ifs (one endpoint removed re-lays one VNet's box).
  const layouts: LayoutCache = new Map();
  const listeners = new Set<ServerResponse>();
  let port = 0;

  const project = (switches: WhatIf = {}): Project | undefined => {
    if (!opened.ok) return undefined;
    if (!Object.keys(switches).length) return opened.project;
    const key = JSON.stringify(switches);
    let p = cache.get(key);
    if (p) cache.delete(key);
    else p = whatIf(opened.project, switches);
    cache.set(key, p);
    if (cache.size > WHATIF_CACHE) cache.delete(cache.keys().next().value!);
    return p;
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => send(res, 500, "application/json", JSON.stringify({ error: e instanceof Error ? e.message : String(e) })));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // DNS rebinding: a page of another origin resolving its own name to 127.0.0.1 sends its Host.
    const host = (req.headers.host ?? "").toLowerCase();
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) return send(res, 421, "text/plain", "amlnet serves 127.0.0.1 only\n");
    const url = new URL(req.url ?? "/", `http://${host}`);
    if (req.method === "GET" && url.pathname === "/") return send(res, 200, "text/html; charset=utf-8", options.assets.html.replace("%TOKEN%", token));
    if (req.method === "GET" && url.pathname === "/app.js") return send(res, 200, "text/javascript; charset=utf-8", options.assets.js);
    if (req.method === "GET" && url.pathname === "/app.css") return send(res, 200, "text/css; charset=utf-8", options.assets.css);
    if (req.method === "GET" && url.pathname === "/favicon.ico") return send(res, 204, "image/x-icon", "");
    if (!url.pathname.startsWith("/api/")) return send(res, 404, "text/plain", "not found\n");
    // The API: the session token, from this page only (a cross-site request can't read it).
    const given = url.pathname === "/api/events" ? url.searchParams.get("token") : req.headers["x-amlnet-token"];
    const site = req.headers["sec-fetch-site"];
    if (given !== token || (site !== undefined && site !== "same-origin" && site !== "none")) return send(res, 403, "application/json", JSON.stringify({ error: "forbidden" }));
    if (req.method === "GET" && url.pathname === "/api/events") {
      res.writeHead(200, { ...HEADERS, "content-type": "text/event-stream", "cache-control": "no-store" });
      res.write(`event: revision\ndata: ${revision}\n\n`);
      listeners.add(res);
      req.on("close", () => listeners.delete(res));
      return;
    }
    if (req.method === "GET" && url.pathname === "/api/state") return json(res, await state({}));
    if (req.method !== "POST") return send(res, 405, "application/json", JSON.stringify({ error: "method not allowed" }));
    const body = await readBody(req);
    if (body === undefined) return send(res, 413, "application/json", JSON.stringify({ error: "request too large or not JSON" }));
    // A request body is an object; anything else (null, a list, a number) is the client's mistake.
    if (!body || typeof body !== "object" || Array.isArray(body)) return send(res, 400, "application/json", JSON.stringify({ error: "the request body is a JSON object" }));
    if (url.pathname === "/api/trace") return json(res, trace(body as { from?: string; to?: string; port?: number; flow?: string; whatif?: unknown }));
    // The state under the page's what-if (its switches, sent each time).
    if (url.pathname === "/api/whatif") return json(res, await state(sanitize(body)));
    return send(res, 404, "application/json", JSON.stringify({ error: "no such API" }));
  }

  async function state(switches: WhatIf): Promise<object> {
    if (!opened.ok) return { file: "", revision, errors: opened.errors };
    const p = project(switches)!;
    const t0 = performance.now();
    const diagram = await drawDiagram(p, layouts);
    // In reading order, as the text report lists them: errors first, notes about the whole input last.
    const findings = [...p.findings].sort(byReadingOrder).map((f) => ({ ruleId: f.ruleId, severity: f.severity, title: f.title, message: f.message, fix: f.fix, resourceId: f.resourceId, position: f.position, suppressed: f.suppressed }));
    const rules = Object.fromEntries([...new Set(findings.map((f) => f.ruleId))].map((id) => [id, ruleInfo(id)]));
    const before = new Map(opened.project.flows().map((b) => [b.id, b.trace.verdict]));
    const flows = p.flows().map((f) => ({ id: f.id, from: f.from.name, verdict: f.trace.verdict, before: before.get(f.id) }));
    return { file: p.file, revision, ...(failedReload ? { reloadErrors: failedReload } : {}), svg: diagram.svg, findings, rules, flows, ends: p.ends(), switches: switchesOf(opened.project), applied: switches, ms: Math.round(performance.now() - t0) };
  }

  function trace(q: { from?: string; to?: string; port?: number; flow?: string; whatif?: unknown }): object {
    const p = project(sanitize(q.whatif));
    if (!p) return { error: "the input doesn't open" };
    const flow = q.flow ? p.flows().find((f) => f.id === q.flow) : undefined;
    const t = flow ? flow.trace : p.trace(String(q.from ?? ""), String(q.to ?? ""), { port: typeof q.port === "number" ? q.port : undefined });
    if ("error" in t) return { error: t.error };
    const from = flow?.from ?? undefined;
    const ids = [
      ...(from && "subnetId" in from && typeof from.subnetId === "string" ? [from.subnetId.toLowerCase()] : []),
      ...t.hops.flatMap((h) => (h.resourceId ? [h.resourceId.toLowerCase()] : [])),
      ...(flow && flow.to.kind === "name" && flow.to.target ? [flow.to.target.id.toLowerCase()] : []),
    ];
    return { from: t.from, to: t.to, verdict: t.verdict, hops: t.hops, nodes: [...new Set(ids)], client: flow ? `client:${flow.from.name.toLowerCase()}` : `client:${String(q.from ?? "").toLowerCase()}` };
  }

  await new Promise<void>((done, fail) => {
    server.once("error", fail);
    server.listen(options.port ?? 0, "127.0.0.1", () => {
      server.off("error", fail);
      done();
    });
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    token,
    reload(errors) {
      const next: Opened = errors ? { ok: false, errors: [...errors] } : options.load();
      if (next.ok || !opened.ok) {
        opened = next;
        failedReload = undefined;
      } else failedReload = next.errors;
      cache.clear();
      layouts.clear();
      revision += 1;
      for (const l of listeners) l.write(`event: revision\ndata: ${revision}\n\n`);
    },
    close: () =>
      new Promise<void>((done) => {
        for (const l of listeners) l.end();
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}

const HEADERS = {
  "content-security-policy": CSP,
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "cross-origin-opener-policy": "same-origin",
  "cross-origin-resource-policy": "same-origin",
  "x-frame-options": "DENY",
} as const;

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { ...HEADERS, "content-type": type, "cache-control": "no-store" });
  res.end(body);
}

const json = (res: ServerResponse, body: object) => send(res, 200, "application/json; charset=utf-8", JSON.stringify(body));

function readBody(req: IncomingMessage): Promise<unknown> {
  return new Promise((done) => {
    let size = 0;
    const chunks: Buffer[] = [];
    // Past the limit the rest is read and dropped, so the 413 reaches the caller.
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY) chunks.push(c);
    });
    req.on("end", () => {
      if (size > MAX_BODY) return done(undefined);
      try {
        done(JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}"));
      } catch {
        done(undefined);
      }
    });
  });
}

/** Only the switches the view offers, with string values. */
function sanitize(body: unknown): WhatIf {
  const b = (body ?? {}) as Record<string, unknown>;
  const list = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string").slice(0, 1000) : []);
  return {
    ...(b.publicAccess === "Enabled" || b.publicAccess === "Disabled" ? { publicAccess: b.publicAccess } : {}),
    ...(list(b.removeEndpoints).length ? { removeEndpoints: list(b.removeEndpoints) } : {}),
    ...(list(b.dropLinks).length ? { dropLinks: list(b.dropLinks) } : {}),
  };
}
