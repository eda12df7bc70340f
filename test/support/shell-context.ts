// Where text sits in a bash script, for checking that input only ever appears quoted: inside
// single quotes (no expansion at all) or a comment. A small scanner for what amlnet generates:
// quotes, comments, $'...' and backslash escapes; `<<<` here-strings are words like any other.

export type ShellContext = "single" | "double" | "comment" | "bare";

/** The context of every offset at which `marker` starts. */
export function markerContexts(script: string, marker: string): ShellContext[] {
  const contexts: ShellContext[] = [];
  let state: ShellContext = "bare";
  for (let i = 0; i < script.length; i++) {
    if (script.startsWith(marker, i)) contexts.push(state);
    const c = script[i];
    if (state === "comment") {
      if (c === "\n") state = "bare";
    } else if (state === "single") {
      if (c === "'") state = "bare";
    } else if (state === "double") {
      if (c === "\\") i++;
      else if (c === '"') state = "bare";
    } else if (c === "\\") i++;
    else if (c === "'") state = "single";
    else if (c === '"') state = "double";
    else if (c === "#" && (i === 0 || /[\s;(]/.test(script[i - 1]))) state = "comment";
  }
  return contexts;
}
