// Opens the served input off the server's thread when it changes on disk: a file that takes long
// to evaluate (a template written as a bomb, within the budgets) never freezes the server or
// Ctrl-C, and the server's deadline can stop it. It answers only whether the input opens and, if
// not, its located errors; the server then opens what opened here itself.
import { parentPort, workerData } from "node:worker_threads";
import { isTerraformPath, openFile, terraformReader } from "../api/index.ts";
import { asOpened, type ReloadOptions } from "./reload.ts";

const { file, options } = workerData as { file: string; options: ReloadOptions };
// A Terraform folder: this thread loads its own HCL parser (a parser can't be sent to it).
const terraform = isTerraformPath(file) ? await terraformReader() : undefined;
const opened = asOpened(openFile(file, { ...options, terraform }), file);
parentPort!.postMessage(opened.ok ? { ok: true } : { ok: false, errors: opened.errors });
