// `amlnet rules` and `amlnet explain`: the rule catalog, and what a rule, fact or code means.
import { parseArgs } from "node:util";
import { META_DIAGNOSTICS, RULES, explain, listRules, quoteInput } from "../../api/index.ts";
import { type Io, UsageError } from "../common.ts";

export function rules(args: string[], io: Io): number {
  const { values } = parseArgs({ args, options: { format: { type: "string", default: "text" } } });
  io.out(listRules(RULES, values.format === "json" ? "json" : "text"));
  return 0;
}

export function explainCommand(args: string[], io: Io): number {
  const id = args[0]?.toUpperCase();
  if (!id) throw new UsageError("explain needs a rule id (AML002), a fact (F10) or an input error code (BP004)");
  const text = explain(id, RULES, META_DIAGNOSTICS);
  if (!text) {
    io.err(`amlnet: no rule, fact or input error ${quoteInput(id, 40)}; 'amlnet rules' lists the rules\n`);
    return 2;
  }
  io.out(text);
  return 0;
}
