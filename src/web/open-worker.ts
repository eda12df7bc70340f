// Opens the served input off the server's thread when it changes on disk: a file that takes long
// to evaluate (a template written as a bomb, within the budgets) never freezes the server or
// Ctrl-C, and the server's deadline can stop it. It answers only whether the input opens and, if
// not, its located errors; the server then opens what opened here itself.
import { parentPort, workerData } from "node:worker_threads";
import { openFile } from "../api/index.ts";
import { asOpened, type ReloadOptions } from "./reload.ts";

const { file, options } = workerData as { file: string; options: ReloadOptions };
const opened = asOpened(openFile(file, options), file);
parentPort!.postMessage(opened.ok ? { ok: true } : { ok: false, errors: opened.errors });
