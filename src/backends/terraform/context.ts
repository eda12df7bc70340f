// What a resource translator needs to know about the rest of the Terraform configuration; its
// own module so translators (azurerm.ts) and the assembler (main-tf.ts) don't import each other.
import type { Model } from "../../core/model.ts";
import type { Resource, Secret } from "../../core/types.ts";
import type { Expr, Value } from "./hcl.ts";

/** What translators need to know about the rest of the configuration. */
export interface Context {
  readonly model: Model;
  /** The expression for a resource id: a reference when Terraform creates it, else the id. */
  ref(id: string): Value;
  /** The id as a string without a reference (breaks cycles such as storage <-> workspace). */
  literal(id: string): Value;
  /** Whether the value at a property path is the deployment's region (written as var.location). */
  followsLocation(at: readonly string[], value: unknown): boolean;
  /** The id held at a property path (array indices included or not): a literal where the plan says the reference is weak. */
  reference(id: string, at: readonly string[]): Value;
  /** The Terraform address of a created resource (`azurerm_subnet.training`). */
  address(id: string): string | undefined;
  /** A label no other resource of `tfType` has, based on `base`. */
  reserve(tfType: string, base: string): string;
  /** The object id of the identity `id` stands for, at apply time. */
  principalId(id: string): Value;
  location(r: Resource): Value;
  /** A sensitive variable without a default that carries the secret. */
  secret(s: Secret): Expr;
  readonly resourceGroup: Expr;
  /** The resource group name for a resource id: the variable for the deployment's own group. */
  groupOf(id: string): Value;
  /** ARM-shaped JSON with ids and template expressions turned into HCL values. */
  convert(value: unknown): Value;
}
