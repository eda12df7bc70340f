// Reading input files: the one place (with writing builds) where the library touches the disk.
import { readFileSync } from "node:fs";

/** A file's text, or the reason it can't be read (the error code, e.g. ENOENT). */
export function readText(file: string): { ok: true; text: string } | { ok: false; error: string } {
  try {
    return { ok: true, text: readFileSync(file, "utf8") };
  } catch (e) {
    return { ok: false, error: `cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` };
  }
}
