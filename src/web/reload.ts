// Reloading the served input safely: the changed file is first opened in a worker, with the same
// budgets as `amlnet check` and a deadline, so the server answers (and Ctrl-C stops it) however
// long the input takes; only an input that opened there is opened again for the view.
import { Worker } from "node:worker_threads";
import { join } from "node:path";
import { PACKAGE_ROOT, type openFile, type InputError, type Opened } from "../api/index.ts";

export type ReloadOptions = Parameters<typeof openFile>[1];

/** What openFile answered, as the view takes it: a usage or read problem is a located BP000. */
export function asOpened(o: ReturnType<typeof openFile>, file: string): Opened {
  if (o.ok || "errors" in o) return o;
  const message = "usage" in o ? o.usage : o.unreadable;
  return { ok: false, errors: [{ code: "BP000", message, position: { file: "unreadable" in o ? o.file : file, line: 1, col: 1 } }] };
}

/** How long a reload may take before the last good view is kept and the reload given up. */
export const RELOAD_DEADLINE_MS = 20_000;

export type Trial = { readonly ok: true } | { readonly ok: false; readonly errors: readonly InputError[] };

/** Whether the input opens, found in a worker (dist/web-open.js) stopped at the deadline. */
export function tryOpen(file: string, options: ReloadOptions, deadlineMs = RELOAD_DEADLINE_MS): Promise<Trial> {
  return new Promise((resolve) => {
    const worker = new Worker(join(PACKAGE_ROOT, "dist", "web-open.js"), { workerData: { file, options } });
    let settled = false;
    const done = (trial: Trial) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      resolve(trial);
    };
    const failed = (message: string) => done({ ok: false, errors: [{ code: "BP000", message, position: { file, line: 1, col: 1 } }] });
    const timer = setTimeout(() => failed(`reading it took longer than ${deadlineMs / 1000} s`), deadlineMs);
    worker.once("message", (m: Trial) => done(m));
    worker.once("error", (e) => failed(`amlnet failed reading it: ${e.message}`));
    worker.once("exit", () => failed("amlnet stopped reading it"));
  });
}
