// What evaluating a template can fail with, each at an offset in its expression: an error ARM
// would report too, a function amlnet doesn't evaluate (the value becomes unknown), or a limit
// crossed (limits.ts).
export class EvaluationError extends Error {
  constructor(
    message: string,
    readonly at: number,
  ) {
    super(message);
  }
}

/** A function amlnet doesn't evaluate: the value becomes unknown and the run goes on with a warning. */
export class UnknownFunctionError extends EvaluationError {}

/** A limit crossed: a located error of its own code (AR006), never a hang or a crash. */
export class LimitError extends EvaluationError {}
