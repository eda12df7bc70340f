// Type constraints of input variables ("Terraform language: Type Constraints"): a value given to a
// variable is converted to its declared type, and an object type's optional attributes are filled
// in (with their default, else null) — so `var.x.flag` reads as Terraform reads it when the value
// given leaves `flag` out. Conversions follow the documented ones (number and bool to string and
// back, lists to sets); null and unknown values stay as they are.
import { isUnknown } from "../../core/types.ts";
import type { Expr } from "./syntax.ts";
import { Budget, evaluate } from "./evaluate.ts";
import { isList, isObject, toStringValue, type TfObject, type TfValue } from "./values.ts";

const NO_REFERENCES: Readonly<{ root(name: string): TfValue }> = { root: (name: string): TfValue => ({ unknown: true as const, reason: `${name} in a type constraint`, at: 0 }) };

/** `value` converted to the type `type` declares (an expression such as object({a = optional(string)})). */
export function convert(value: TfValue, type: Expr | undefined, budget: Budget): TfValue {
  if (!type || value === null || isUnknown(value)) return value;
  if (type.kind === "variable") {
    switch (type.name) {
      case "string":
        return toStringValue(value) ?? value;
      case "number":
        return typeof value === "string" && value.trim() !== "" && !Number.isNaN(Number(value)) ? Number(value) : value;
      case "bool":
        return value === "true" ? true : value === "false" ? false : value;
      default:
        return value;
    }
  }
  if (type.kind !== "call") return value;
  const [inner] = type.args;
  switch (type.name) {
    case "list":
      return isList(value) ? value.map((v) => convert(v, inner, budget)) : value;
    case "set":
      return isList(value) ? [...new Map(value.map((v) => convert(v, inner, budget)).map((v) => [JSON.stringify(v), v])).values()] : value;
    case "map":
      return isObject(value) ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, convert(v, inner, budget)])) : value;
    case "tuple":
      return isList(value) && inner?.kind === "tuple" ? value.map((v, i) => convert(v, (inner.items as Expr[])[i], budget)) : value;
    case "optional":
      // Only meaningful inside object(); its default applies where the attribute is missing.
      return convert(value, inner, budget);
    case "object": {
      if (!isObject(value) || inner?.kind !== "object") return value;
      const out: Record<string, TfValue> = {};
      for (const item of inner.items) {
        const key = item.bareKey ?? toStringValue(evaluate(item.key, NO_REFERENCES, budget));
        if (key === undefined) continue;
        const attrType = item.value;
        const optional = attrType.kind === "call" && attrType.name === "optional";
        if (Object.prototype.hasOwnProperty.call(value, key) && !(optional && value[key] === null && attrType.args[1])) out[key] = convert(value[key], attrType, budget);
        else if (optional && attrType.args[1]) out[key] = convert(evaluate(attrType.args[1], NO_REFERENCES, budget), attrType.args[0], budget);
        else out[key] = null;
      }
      return out as TfObject;
    }
    default:
      return value;
  }
}
