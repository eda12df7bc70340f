// Writes the files of `amlnet build` into a folder: everything beside the target first, then
// swapped in, so a failed build leaves nothing half-written. A non-empty folder amlnet did not
// write is refused unless forced.
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { VERSION } from "./version.ts";

const BUILD_MARKER = ".amlnet-build";

export type WriteResult = { readonly ok: true } | { readonly ok: false; readonly error: string };

export function writeBuild(folder: string, files: ReadonlyMap<string, string>, options: { force?: boolean } = {}): WriteResult {
  const out = resolve(folder);
  const ours = existsSync(join(out, BUILD_MARKER));
  if (existsSync(out) && readdirSync(out).length > 0 && !ours && !options.force)
    return { ok: false, error: `${out} is not empty and was not written by amlnet build; pass --force to replace it` };
  const tmp = join(dirname(out), `.${basename(out)}.amlnet-tmp`);
  const old = join(dirname(out), `.${basename(out)}.amlnet-old`);
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  for (const [name, content] of files) writeFileSync(join(tmp, name), content);
  writeFileSync(join(tmp, BUILD_MARKER), `amlnet ${VERSION}\n`);
  rmSync(old, { recursive: true, force: true });
  if (existsSync(out)) renameSync(out, old);
  renameSync(tmp, out);
  rmSync(old, { recursive: true, force: true });
  return { ok: true };
}
