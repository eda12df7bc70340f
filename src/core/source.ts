// Where things come from: every front end maps a path into its document (blueprint YAML, ARM
// JSON, Terraform HCL) to file:line:col, so findings and input errors point at the source.
import { quoteInput } from "./quote.ts";

export type SourcePath = readonly (string | number)[];

/**
 * `path` and the segments after it, as a list of its own length: a list spread into a literal
 * keeps room for a dozen more elements, and an estate keeps a path for each of its hundred
 * thousand resources.
 */
export function pathUnder(path: SourcePath, ...more: readonly (string | number)[]): SourcePath {
  // Spread, not concat: an estate makes one path per item, and concat of small arrays is slower.
  return [...path, ...more];
}

export interface Position {
  readonly file: string;
  readonly line: number;
  readonly col: number;
}

export interface SourceDoc {
  readonly file: string;
  /** The position of the node at `path`, or of its nearest existing ancestor; with `key`, of that map key. */
  locate(path: SourcePath, key?: string): Position;
}

export function formatPosition(p: Position): string {
  return `${quoteInput(p.file, 300)}:${p.line}:${p.col}`;
}

/** A finding the source says to silence, with the reason, at or under the object holding it. */
export interface Suppression {
  readonly rule: string;
  readonly reason: string;
  /** Path of the object holding the suppression. */
  readonly at: SourcePath;
}

/** Input that can't be read as what it claims to be: a stable code, a message, where. */
export interface InputError {
  readonly code: string;
  readonly message: string;
  readonly position: Position;
}

/** Where each line of `text` starts (offsets), for `positionAt`. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return starts;
}

/** The 1-based line and column of an offset, from the text's line starts. */
export function positionAt(file: string, starts: readonly number[], offset: number): Position {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { file, line: lo + 1, col: offset - starts[lo] + 1 };
}
