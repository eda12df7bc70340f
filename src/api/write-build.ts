// Writes the files of `amlnet build` into a folder without losing anything that isn't amlnet's:
// - a manifest (.amlnet-build) lists the files the last build wrote; it is written last;
// - each file is written to a temporary name beside it, flushed to disk, then renamed over the
//   target, so a file is always either the old or the new one;
// - files the previous manifest lists that this build no longer writes are removed; nothing else
//   in the folder is ever touched (terraform.tfstate, .terraform/, the user's own notes);
// - a lock file (.amlnet-build.lock, holding the writer's pid) keeps two builds out of one folder;
//   a lock whose process is gone is taken over;
// - a folder with files but no manifest is refused unless forced, and a folder holding the input
//   blueprint is refused even when forced.
// Every file-system failure (a full disk, a folder you may not write, a path that is a file) comes
// back as one message, never as an exception; the file system is a parameter so tests inject them.
// A temporary file is created exclusively (O_EXCL, O_NOFOLLOW) under an unpredictable name, mode
// 0600 until it is complete: a link planted where it would go is refused, never written through,
// and a failed write leaves no temporary file behind.
import * as nodeFs from "node:fs";
import { basename, dirname, join, relative, resolve, sep } from "node:path";
import { VERSION } from "./version.ts";

const MANIFEST = ".amlnet-build";
const LOCK = ".amlnet-build.lock";
// Present from the first file a build writes until its manifest is written: a folder holding it
// is a mix of two builds (the last one was killed or failed), never to be deployed as it is.
const INCOMPLETE = ".amlnet-build.incomplete";
// Temporary files: `.<name>.<random hex>.amlnet-tmp` (earlier versions: `.<name>.<pid>.amlnet-tmp`),
// recognisable as ours when a killed run left them.
const TMP = /^\..+\.([0-9a-f]{16}|\d+)\.amlnet-tmp$/;
const EXCLUSIVE = nodeFs.constants.O_WRONLY | nodeFs.constants.O_CREAT | nodeFs.constants.O_EXCL | (nodeFs.constants.O_NOFOLLOW ?? 0);

/** The calls writeBuild makes, so tests can make any of them fail. */
export type FileSystem = Pick<
  typeof nodeFs,
  "closeSync" | "existsSync" | "fchmodSync" | "fsyncSync" | "lstatSync" | "mkdirSync" | "openSync" | "readFileSync" | "readdirSync" | "renameSync" | "rmSync" | "statSync" | "unlinkSync" | "writeSync"
>;

export type WriteResult = { readonly ok: true; readonly removed: readonly string[] } | { readonly ok: false; readonly error: string };

export interface WriteOptions {
  /** Write into a folder with files amlnet didn't write (they are kept unless a build file has their name). */
  readonly force?: boolean;
  /** The blueprint the files come from: a folder holding it is never written. */
  readonly input?: string;
  readonly fs?: FileSystem;
}

class BuildError extends Error {}

export function writeBuild(folder: string, files: ReadonlyMap<string, string>, options: WriteOptions = {}): WriteResult {
  const fs = options.fs ?? nodeFs;
  const out = resolve(folder);
  try {
    prepareFolder(fs, out, options);
    const lock = takeLock(fs, out);
    try {
      return { ok: true, removed: writeFiles(fs, out, files) };
    } finally {
      release(fs, lock);
    }
  } catch (e) {
    return { ok: false, error: describe(e, out) };
  }
}

function prepareFolder(fs: FileSystem, out: string, options: WriteOptions): void {
  if (options.input && isInside(resolve(options.input), out))
    throw new BuildError(`${out} holds the blueprint ${options.input}; write the build to a folder of its own`);
  recoverOldLayout(fs, out);
  let stat: nodeFs.Stats | undefined;
  try {
    stat = fs.lstatSync(out);
  } catch (e) {
    if (code(e) !== "ENOENT") throw e;
  }
  if (stat?.isSymbolicLink()) {
    try {
      stat = fs.statSync(out);
    } catch (e) {
      if (code(e) === "ENOENT") throw new BuildError(`${out} is a symbolic link to nothing`);
      throw e;
    }
  }
  if (stat && !stat.isDirectory()) throw new BuildError(`${out} is a file, not a folder`);
  if (!stat) {
    fs.mkdirSync(out, { recursive: true });
    return;
  }
  const entries = fs.readdirSync(out).filter((n) => !TMP.test(n) && n !== LOCK && n !== INCOMPLETE);
  if (entries.length > 0 && !entries.includes(MANIFEST) && !options.force)
    throw new BuildError(`${out} is not empty and was not written by amlnet build; pass --force to write into it (other files are kept)`);
}

/**
 * Earlier versions swapped whole folders through `.<name>.amlnet-tmp` and `.<name>.amlnet-old`
 * beside the output; a run killed between the two renames left the previous build only in the
 * -old folder. Put it back, and drop a half-written -tmp folder.
 */
function recoverOldLayout(fs: FileSystem, out: string): void {
  const old = join(dirname(out), `.${basename(out)}.amlnet-old`);
  const tmp = join(dirname(out), `.${basename(out)}.amlnet-tmp`);
  if (fs.existsSync(old)) {
    if (!fs.existsSync(out)) fs.renameSync(old, out);
    else fs.rmSync(old, { recursive: true, force: true });
  }
  if (fs.existsSync(tmp)) fs.rmSync(tmp, { recursive: true, force: true });
}

/** Whether `file` is `folder` or lies under it. */
function isInside(file: string, folder: string): boolean {
  const rel = relative(folder, file);
  return rel === "" || (!rel.startsWith(`..${sep}`) && rel !== ".." && !rel.startsWith(sep) && !/^[A-Za-z]:/.test(rel));
}

interface Lock {
  readonly path: string;
}

function takeLock(fs: FileSystem, out: string): Lock {
  const path = join(out, LOCK);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(path, "wx", 0o644);
      try {
        fs.writeSync(fd, `${process.pid}\n`);
      } finally {
        fs.closeSync(fd);
      }
      return { path };
    } catch (e) {
      if (code(e) !== "EEXIST") throw e;
      const holder = Number.parseInt(readOr(fs, path, ""), 10);
      if (Number.isInteger(holder) && holder > 0 && alive(holder))
        throw new BuildError(`another amlnet build (pid ${holder}) is writing ${out}; try again when it is done`);
      // The process that held it is gone: take the lock over.
      fs.rmSync(path, { force: true });
    }
  }
  throw new BuildError(`could not lock ${out}: another build keeps taking it`);
}

function release(fs: FileSystem, lock: Lock): void {
  try {
    fs.rmSync(lock.path, { force: true });
  } catch {
    // The build is written; a lock that stays behind names a dead pid and is taken over next time.
  }
}

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return code(e) === "EPERM";
  }
}

function writeFiles(fs: FileSystem, out: string, files: ReadonlyMap<string, string>): string[] {
  // What a killed run left: our temporary files only (their names say so).
  for (const name of fs.readdirSync(out)) if (TMP.test(name)) fs.rmSync(join(out, name), { force: true });
  const previous = readManifest(fs, out);
  writeAtomically(fs, out, INCOMPLETE, "A build into this folder did not finish: its files are a mix of two builds. Run amlnet build again before deploying.\n");
  for (const [name, content] of files) writeAtomically(fs, out, name, content);
  const removed = previous.filter((name) => !files.has(name) && name !== MANIFEST && name !== LOCK && !name.includes("/") && !name.includes(sep));
  for (const name of removed) fs.rmSync(join(out, name), { force: true });
  const manifest = { generator: `amlnet ${VERSION}`, files: [...files.keys()].sort() };
  writeAtomically(fs, out, MANIFEST, `${JSON.stringify(manifest, null, 2)}\n`);
  fs.rmSync(join(out, INCOMPLETE), { force: true });
  return removed;
}

/** The files the previous build wrote (none for a folder amlnet never wrote or an old marker). */
function readManifest(fs: FileSystem, out: string): string[] {
  const text = readOr(fs, join(out, MANIFEST), "");
  try {
    const parsed = JSON.parse(text) as { files?: unknown };
    return Array.isArray(parsed.files) ? parsed.files.filter((f): f is string => typeof f === "string") : [];
  } catch {
    // Before manifests the marker held one line: it named no files, so none are removed.
    return [];
  }
}

function writeAtomically(fs: FileSystem, out: string, name: string, content: string): void {
  const { tmp, fd } = createTemporary(fs, out, name);
  try {
    try {
      const bytes = Buffer.from(content, "utf8");
      for (let at = 0; at < bytes.length; ) at += fs.writeSync(fd, bytes, at, bytes.length - at);
      fs.fsyncSync(fd);
      fs.fchmodSync(fd, 0o644);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, join(dirname(join(out, name)), basename(name)));
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}

/**
 * `bytes` random bytes as hex, from the Web Crypto random source (node:crypto's own): read when a
 * file is written, so commands that write nothing don't load the crypto module at start-up.
 */
function randomHex(bytes: number): string {
  return Buffer.from(globalThis.crypto.getRandomValues(new Uint8Array(bytes))).toString("hex");
}

/** A new temporary file beside `name`, created exclusively (a name already taken, a link included, is never opened). */
function createTemporary(fs: FileSystem, out: string, name: string): { tmp: string; fd: number } {
  for (let attempt = 0; ; attempt++) {
    const tmp = join(out, `.${basename(name)}.${randomHex(8)}.amlnet-tmp`);
    try {
      return { tmp, fd: fs.openSync(tmp, EXCLUSIVE, 0o600) };
    } catch (e) {
      if (code(e) !== "EEXIST" || attempt >= 4) throw e;
    }
  }
}

function readOr(fs: FileSystem, path: string, fallback: string): string {
  try {
    return fs.readFileSync(path, "utf8");
  } catch {
    return fallback;
  }
}

function code(e: unknown): string | undefined {
  return e && typeof e === "object" && "code" in e ? String((e as { code: unknown }).code) : undefined;
}

/** One line for a failure: what happened, where, in words. */
function describe(e: unknown, out: string): string {
  if (e instanceof BuildError) return e.message;
  const path = e && typeof e === "object" && "path" in e ? String((e as { path: unknown }).path) : out;
  switch (code(e)) {
    case "ENOSPC":
      return `no space left on the device writing ${path}`;
    case "EACCES":
    case "EPERM":
      return `permission denied writing ${path}`;
    case "EROFS":
      return `${path} is on a read-only file system`;
    case "ENOTDIR":
      return `a part of ${path} is a file, not a folder`;
    case "EISDIR":
      return `${path} is a folder where a file should be written`;
    default:
      return `could not write ${path}: ${e instanceof Error ? e.message : String(e)}`;
  }
}

/**
 * Writes one file (the blueprint `init` makes) the same way: a temporary file beside it, flushed,
 * then renamed. Refuses a folder, a missing parent folder, and an existing file unless forced.
 */
export function writeTextFile(file: string, content: string, options: { force?: boolean; fs?: FileSystem } = {}): WriteResult {
  const fs = options.fs ?? nodeFs;
  const target = resolve(file);
  try {
    let stat: nodeFs.Stats | undefined;
    try {
      stat = fs.statSync(target);
    } catch (e) {
      if (code(e) !== "ENOENT") throw e;
    }
    if (stat?.isDirectory()) throw new BuildError(`${file} is a folder; name the file to write`);
    if (stat && !options.force) throw new BuildError(`${file} exists; pass --force to replace it`);
    if (!fs.existsSync(dirname(target))) throw new BuildError(`the folder ${dirname(target)} does not exist`);
    writeAtomically(fs, dirname(target), basename(target), content);
    return { ok: true, removed: [] };
  } catch (e) {
    return { ok: false, error: describe(e, target) };
  }
}
