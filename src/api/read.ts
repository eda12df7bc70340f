// Reading input files: the one place (with writing builds) where the library touches the disk.
import { closeSync, existsSync, fstatSync, openSync, readSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { quoteInput } from "../core/quote.ts";

/** A file's text, or why not: `position` when the place is known (a byte that isn't UTF-8). */
export type ReadResult = { ok: true; text: string } | { ok: false; error: string; position?: { file: string; line: number; col: number; message: string } };

/**
 * How much of each kind of file amlnet reads at most, unless --max-bytes raises it: the input
 * itself (its own kind's bound applies once it is known), and the files beside it.
 */
export const READ_BOUNDS = {
  input: { maxBytes: 512 * 2 ** 20, what: "an input file" },
  parameters: { maxBytes: 4 * 2 ** 20, what: "a parameters file" },
  clients: { maxBytes: 256 * 2 ** 10, what: "a clients file" },
  baseline: { maxBytes: 256 * 2 ** 10, what: "a baseline" },
  config: { maxBytes: 256 * 2 ** 10, what: "a config file" },
} as const;

export interface ReadBound {
  readonly maxBytes: number;
  /** What the file is, for the message when it is too large ("a baseline"). */
  readonly what: string;
}

/**
 * A file's text (`-` is standard input), or one line saying why it can't be read: missing, a
 * folder or anything but a regular file (a device, a socket), larger than its bound, or not UTF-8
 * (a byte that isn't would otherwise become U+FFFD without a word; the message names its line
 * and column). No message quotes the file's content.
 */
export function readText(file: string, bound: ReadBound): ReadResult {
  let bytes: Buffer;
  const shown = quoteInput(file, 300);
  try {
    bytes = readBounded(file, bound.maxBytes);
  } catch (e) {
    if (e instanceof TooLarge)
      return { ok: false, error: `${shown} is over the ${bound.maxBytes.toLocaleString("en-US")}-byte limit for ${bound.what} (raise it with --max-bytes)` };
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a folder" : code === "ENOTREG" ? "not a regular file" : code === "EACCES" ? "permission denied" : (code ?? "it can't be read");
    return { ok: false, error: `cannot read ${shown}: ${why}` };
  }
  try {
    const text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
    return { ok: true, text };
  } catch {
    // A UTF-16 file (Windows editors write them) says so by its byte order mark.
    const utf16 = bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff));
    const at = utf16 ? 0 : firstInvalidUtf8(bytes);
    const before = bytes.subarray(0, at).toString("utf8");
    const line = before.split("\n").length;
    const col = at - Buffer.byteLength(before.slice(0, before.lastIndexOf("\n") + 1), "utf8") + 1;
    const message = utf16 ? "the file is UTF-16; save it as UTF-8" : `byte 0x${bytes[at].toString(16).padStart(2, "0")} is not UTF-8; save the file as UTF-8`;
    return { ok: false, error: `${shown}:${line}:${col}: ${message}`, position: { file, line, col, message } };
  }
}

class TooLarge extends Error {}

/** Reads at most maxBytes + 1 bytes, so a huge file (or an endless pipe) is refused early. */
function readBounded(file: string, maxBytes: number): Buffer {
  const fd = file === "-" ? 0 : openSync(file, "r");
  try {
    if (file !== "-") {
      const stat = fstatSync(fd);
      if (stat.isDirectory()) throw Object.assign(new Error("EISDIR"), { code: "EISDIR" });
      // /dev/zero or a socket never ends: only a regular file is read (standard input is bounded).
      if (!stat.isFile()) throw Object.assign(new Error("ENOTREG"), { code: "ENOTREG" });
    }
    const chunks: Buffer[] = [];
    let total = 0;
    const chunk = Buffer.alloc(64 * 1024);
    for (;;) {
      let n: number;
      try {
        n = readSync(fd, chunk, 0, chunk.length, null);
      } catch (e) {
        // A non-blocking standard input with nothing yet: wait and read again.
        if ((e as NodeJS.ErrnoException).code === "EAGAIN") continue;
        throw e;
      }
      if (n === 0) break;
      total += n;
      if (total > maxBytes) throw new TooLarge();
      chunks.push(Buffer.from(chunk.subarray(0, n)));
    }
    return Buffer.concat(chunks);
  } finally {
    if (file !== "-") closeSync(fd);
  }
}

/** The offset of the first byte that doesn't belong to a valid UTF-8 sequence. */
function firstInvalidUtf8(bytes: Buffer): number {
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i];
    const len = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (len === 0) return i;
    for (let k = 1; k < len; k++) if (i + k >= bytes.length || (bytes[i + k] & 0xc0) !== 0x80) return i;
    // Overlong and surrogate forms the decoder refuses.
    if (len === 3 && ((b === 0xe0 && bytes[i + 1] < 0xa0) || (b === 0xed && bytes[i + 1] >= 0xa0))) return i;
    if (len === 4 && ((b === 0xf0 && bytes[i + 1] < 0x90) || (b === 0xf4 && bytes[i + 1] >= 0x90))) return i;
    i += len;
  }
  return 0;
}

/** The nearest folder upward from `start` holding .git, else `start` itself. */
export function repositoryRoot(start: string): string {
  for (let dir = resolve(start); ; dir = dirname(dir)) {
    if (existsSync(join(dir, ".git"))) return dir;
    if (dirname(dir) === dir) return resolve(start);
  }
}

/**
 * `file` relative to `root` with forward slashes; never absolute. A file outside the root keeps a
 * usable relative path (`../other/main.tf`, resolvable from the root); only a file on another drive
 * falls back to its own name.
 */
export function relativeTo(root: string, file: string): string {
  const rel = relative(resolve(root), resolve(file));
  if (!rel || resolve(rel) === rel) return resolve(file).split(sep).pop()!;
  return rel.split(sep).join("/");
}

/** Whether `file` is inside `root` (code scanning matches only files of the repository). */
export function isInside(root: string, file: string): boolean {
  const rel = relative(resolve(root), resolve(file));
  return !!rel && !rel.startsWith("..") && resolve(rel) !== rel;
}
