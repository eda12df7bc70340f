// The one way input text reaches a message: a resource's name, a key, a file's path or a value
// from a blueprint, template or estate may hold line breaks, and a line of a CI job's log that
// starts with `::` (GitHub) or `##vso[` (Azure DevOps) is a command the runner executes. So input
// is quoted JSON-string style (control characters, line and paragraph separators escaped) and
// capped in length, and every message amlnet prints is one line.

/** Characters that end or disturb a line: C0 and C1 controls, DEL, U+2028 and U+2029. */
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

const ESCAPES: Readonly<Record<string, string>> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

const escape = (c: string): string => ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;

/** Input text as a message may show it: escaped, at most `max` characters (an ellipsis marks the cut). */
export function quoteInput(text: string, max = 200): string {
  const s = String(text);
  const cut = s.length > max ? `${s.slice(0, max)}…` : s;
  return printable(cut) ? cut : cut.replace(UNPRINTABLE, escape);
}

/** Whether nothing in `s` needs escaping (nearly every name): checked without the pattern, names are quoted for every hop of every flow. */
function printable(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c === 0x2028 || c === 0x2029) return false;
  }
  return true;
}

/**
 * JSON text whose strings hold no raw line or paragraph separator (JSON.stringify leaves U+2028,
 * U+2029 and U+0085 as they are; a log viewer may break the line there).
 */
export function jsonText(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent).replace(/[\u0085\u2028\u2029]/g, escape);
}

/** A whole message (amlnet's words around quoted input) as one printable line. */
export function oneLine(message: string): string {
  return quoteInput(message, 4000);
}

/**
 * Names in a message: all of a few, joined as the message joins them, or the first `shown` and a
 * count of the rest (an estate's thousands of VNets or clients would make a message of tens of
 * kilobytes): `a, b, c, d, e and 95 more`.
 */
export function someNames(names: readonly string[], joiner = ", ", shown = 5): string {
  if (names.length <= shown) return names.join(joiner);
  return `${names.slice(0, shown).join(", ")} and ${thousands(names.length - shown)} more`;
}

// A count as en-US writes it (1,234), without Intl: a check that runs no other Intl code would pay
// for loading its number formatting here.
const thousands = (n: number): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
