// `amlnet rules` and `amlnet explain <id>`: the catalog's own docs, facts and cases; facts (F10)
// with the rules that encode them; input error codes (BP004, AR005, TF001).
import type { Rule } from "../rules/rule.ts";
import type { MetaDiagnostic } from "../rules/meta.ts";
import { DOCS, FACTS, type FactId } from "../core/knowledge/facts.ts";
import { INPUT_ERRORS } from "../core/diagnostics.ts";

export function listRules(rules: readonly Rule[], format: "text" | "json"): string {
  if (format === "json")
    return JSON.stringify(rules.map((r) => ({ id: r.id, title: r.title, severity: r.severity, facts: r.facts, documents: r.docs.map((d) => DOCS[d]) })), null, 2) + "\n";
  return rules.map((r) => `${r.id}  ${r.severity.padEnd(7)}  ${r.title}`).join("\n") + "\n";
}

export function explain(id: string, rules: readonly Rule[], meta: readonly MetaDiagnostic[]): string | undefined {
  if (/^F\d+$/.test(id)) return explainFact(id, rules);
  if (/^(BP|AR|TF)\d+$/.test(id)) return explainInputError(id);
  const rule = rules.find((x) => x.id === id);
  const r = rule ?? meta.find((x) => x.id === id);
  if (!r) return undefined;
  const lines = [`${r.id}: ${r.title} (${r.severity})`, "", wrap(r.description), ""];
  if (r.facts.length) {
    lines.push("Facts:");
    for (const f of r.facts) lines.push(`  ${f}  ${FACTS[f]}`);
    lines.push("");
  }
  if (r.docs.length) {
    lines.push("Documents:");
    for (const d of r.docs) lines.push(`  "${DOCS[d].title}"`, `    ${DOCS[d].url}`);
    lines.push("");
  }
  if (rule) {
    const show = (title: string, patch: string | undefined) => {
      if (patch === undefined) return;
      lines.push(`${title} (a patch over a minimal private-link blueprint):`);
      lines.push(...(patch.trim() ? patch.trim().split("\n").map((l) => `  ${l}`) : ["  (the minimal blueprint itself)"]));
      lines.push("");
    };
    show("Fails", rule.cases.fail[0]?.patch);
    show("Passes", rule.cases.pass.find((p) => p.trim() !== "") ?? rule.cases.pass[0]);
  }
  return lines.join("\n");
}

/** A fact: its statement, the rules that encode it, and their documents. */
function explainFact(id: string, rules: readonly Rule[]): string | undefined {
  if (!(id in FACTS)) return undefined;
  const fact = id as FactId;
  const citing = rules.filter((r) => r.facts.includes(fact));
  const docs = [...new Set(citing.flatMap((r) => r.docs))];
  const lines = [`${id}: ${FACTS[fact]}`, ""];
  if (citing.length) lines.push("Rules that encode it:", ...citing.map((r) => `  ${r.id}  ${r.title}`), "");
  if (docs.length) lines.push("Documents:", ...docs.flatMap((d) => [`  "${DOCS[d].title}"`, `    ${DOCS[d].url}`]), "");
  return lines.join("\n");
}

function explainInputError(id: string): string | undefined {
  const e = INPUT_ERRORS[id];
  return e && `${id}: ${e.title} (input error, exit 2)\n\n${wrap(e.description)}\n`;
}

function wrap(text: string, width = 100): string {
  const out: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/)) {
    if (line && line.length + word.length + 1 > width) {
      out.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) out.push(line);
  return out.join("\n");
}
