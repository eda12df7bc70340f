// GitHub Actions workflow commands: each finding an annotation on the blueprint's line
// (`::error file=…,line=…,col=…,title=…::message`), escaped as the runner parses them.
import { oneLine } from "../core/quote.ts";
import type { LocatedFinding } from "./locate.ts";
import type { Severity } from "../rules/rule.ts";

const COMMAND: Readonly<Record<Severity, string>> = { error: "error", warning: "warning", info: "notice" };

/** Message text: one line (input quoted), then %, CR and LF escaped as the runner reads them. */
const data = (s: string) => oneLine(s).replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
/** Property values also escape the separators of the property list. */
const property = (s: string) => data(s).replace(/:/g, "%3A").replace(/,/g, "%2C");

/** Annotations; `path` is the input's path, or a function giving the path of the file a finding is in. */
export function formatGithub(path: string | ((file: string) => string), findings: readonly LocatedFinding[]): string {
  const pathOf = typeof path === "string" ? () => path : path;
  return findings
    .filter((f) => !f.suppressed)
    .map((f) => `::${COMMAND[f.severity]} file=${property(pathOf(f.position.file))},line=${f.position.line},col=${f.position.col},title=${property(`${f.ruleId} ${f.title}`)}::${data(`${f.message} Fix: ${f.fix}`)}\n`)
    .join("");
}

/** Input errors as error annotations at their places, so a pull request shows why amlnet couldn't read it. */
export function formatGithubInputErrors(path: string | ((file: string) => string), errors: readonly { code: string; message: string; position: { file: string; line: number; col: number } }[]): string {
  const pathOf = typeof path === "string" ? () => path : path;
  return errors.map((e) => `::error file=${property(pathOf(e.position.file))},line=${e.position.line},col=${e.position.col},title=${property(`${e.code} input error`)}::${data(e.message)}\n`).join("");
}
