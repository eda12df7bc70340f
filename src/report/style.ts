// How text reports look on a terminal: ANSI colour when asked, and long lines wrapped to the
// terminal's width with their indentation kept. Off by default, so files and pipes get plain text.

export interface Style {
  readonly color: boolean;
  /** Wrap lines to this many columns (a terminal's width); undefined: don't wrap. */
  readonly width?: number;
}

export const PLAIN: Readonly<Style> = { color: false };

const CODES = { red: 31, green: 32, yellow: 33, cyan: 36, dim: 2, bold: 1 } as const;

export function paint(style: Style, code: keyof typeof CODES, text: string): string {
  return style.color ? `\x1b[${CODES[code]}m${text}\x1b[0m` : text;
}

/** The words pass / BLOCKED / blocked / UNKNOWN, padded to one width and coloured. */
export function verdictWord(style: Style, verdict: "pass" | "BLOCKED" | "blocked" | "UNKNOWN"): string {
  const padded = verdict.padEnd(7);
  return paint(style, verdict === "pass" ? "green" : verdict === "BLOCKED" ? "red" : "yellow", padded);
}

/**
 * Wraps every line longer than the style's width at spaces; continuation lines are indented one
 * step past the line's own indentation. Colour codes don't count toward the width.
 */
export function wrapLines(style: Style, text: string): string {
  const width = style.width;
  if (!width || width < 40) return text;
  const visible = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, "").length;
  return text
    .split("\n")
    .flatMap((line) => {
      if (visible(line) <= width) return [line];
      const indent = " ".repeat((/^ */.exec(line)?.[0].length ?? 0) + 2);
      const out: string[] = [];
      let current = "";
      for (const word of line.split(/(?<=\S) (?=\S)/)) {
        if (current && visible(current) + 1 + visible(word) > width) {
          out.push(current);
          current = indent + word.trimStart();
        } else current = current ? `${current} ${word}` : word;
      }
      out.push(current);
      return out;
    })
    .join("\n");
}
