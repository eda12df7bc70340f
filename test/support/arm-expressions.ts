// What amlnet may write as an ARM expression: a call it builds (resourceId, format, guid,
// parameters...), with every value inside it a quoted literal. Anything else starting with `[`
// must be an escaped literal (`[[`). Shared by the injection test and the fuzzer.

const AMLNET_CALLS = /^\[(parameters|resourceId|format|guid|reference|subscription|subscriptionResourceId|extensionResourceId|resourceGroup)\(/;

/** An ARM expression with its string literals ('...' with '' for a quote) emptied. */
export const outsideLiterals = (expression: string) => expression.replace(/'(?:[^']|'')*'/g, "''");

/** Every string of a JSON value, keys included. */
export function jsonStrings(value: unknown, out: string[] = []): string[] {
  if (typeof value === "string") out.push(value);
  else if (Array.isArray(value)) value.forEach((v) => jsonStrings(v, out));
  else if (value && typeof value === "object")
    for (const [k, v] of Object.entries(value)) {
      out.push(k);
      jsonStrings(v, out);
    }
  return out;
}

/** Problems with the expressions of a template: ones amlnet didn't write, or markers outside literals. */
export function expressionProblems(template: unknown, marker: RegExp): string[] {
  const problems: string[] = [];
  for (const s of jsonStrings(template)) {
    if (!s.startsWith("[") || s.startsWith("[[")) continue;
    if (!AMLNET_CALLS.test(s) || !s.endsWith("]")) problems.push(`not an expression amlnet writes: ${s}`);
    else if ((s.match(/'/g) ?? []).length % 2 !== 0) problems.push(`unbalanced quotes: ${s}`);
    else if (marker.test(outsideLiterals(s))) problems.push(`input outside a literal: ${s}`);
  }
  return problems;
}
