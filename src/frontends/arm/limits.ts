// The bounds of evaluating a template. ARM's own, from "ARM template best practices" (Template
// limits: 256 parameters, 512 variables, 800 resources including copy count, 64 outputs, 24,576
// characters in a template expression; a copy loop's count at most 800, "Resource iteration in ARM
// templates"), which ARM refuses to deploy past; and amlnet's, which no real template comes near:
// evaluation steps (every function call and every element a function builds) and how deep
// variables, parameter defaults, user functions and nested deployments may nest. Each is a
// located error (AR006) naming its option; --max-resources, --max-copy and --max-steps raise the
// ones a large generated template meets.
import { EvaluationError, LimitError } from "./errors.ts";

export { LimitError };

export interface TemplateLimits {
  /** A template file's size (ARM: 4 MB, and the same for a parameters file). */
  readonly maxBytes: number;
  /** Resources of one template, copies included (ARM: 800). */
  readonly maxResources: number;
  /** A copy loop's count (ARM: 800). */
  readonly maxCopy: number;
  readonly maxParameters: number;
  readonly maxVariables: number;
  readonly maxOutputs: number;
  /** Characters of one template expression (ARM: 24,576). */
  readonly maxExpression: number;
  /** Evaluation steps for the whole input (amlnet's own). */
  readonly maxSteps: number;
  /** Nesting of variables, parameter defaults, user functions and deployments (amlnet's own). */
  readonly maxDepth: number;
}

export const ARM_LIMITS: Readonly<TemplateLimits> = Object.freeze({
  maxBytes: 4 * 2 ** 20,
  maxResources: 800,
  maxCopy: 800,
  maxParameters: 256,
  maxVariables: 512,
  maxOutputs: 64,
  maxExpression: 24_576,
  maxSteps: 20_000_000,
  maxDepth: 256,
});

/** What one evaluation of an input may spend, and has spent. */
export class Budget {
  private steps = 0;
  private depth = 0;

  constructor(readonly limits: Readonly<TemplateLimits> = ARM_LIMITS) {}

  /** Counts `n` steps (a call, or the elements a function is about to build). */
  charge(n: number, at: number): void {
    this.steps += n;
    if (this.steps > this.limits.maxSteps)
      throw new LimitError(`evaluating this input takes more than ${this.limits.maxSteps.toLocaleString("en-US")} steps (raise it with --max-steps)`, at);
  }

  /** Runs `fn` one level deeper (a variable inside a variable, a nested deployment). */
  nested<T>(at: number, what: string, fn: () => T): T {
    if (++this.depth > this.limits.maxDepth) {
      this.depth--;
      throw new LimitError(`${what} nest more than ${this.limits.maxDepth} levels deep`, at);
    }
    try {
      return fn();
    } finally {
      this.depth--;
    }
  }

  /** A copy loop's count, checked: a whole number from 0 to the limit. */
  copyCount(name: string, n: unknown, at: number): number {
    if (typeof n !== "number" || !Number.isInteger(n) || n < 0) throw new EvaluationError(`copy '${name}': the count must be a whole number of 0 or more, not ${JSON.stringify(n)}`, at);
    if (n > this.limits.maxCopy) throw new LimitError(`copy '${name}': a count of ${n.toLocaleString("en-US")} is over ARM's limit of ${this.limits.maxCopy.toLocaleString("en-US")} (raise it with --max-copy)`, at);
    this.charge(n, at);
    return n;
  }
}
