// A rule is a data object (the typescript-eslint / Biome habit): stable id, title, severity, the
// facts and documents it encodes, docs for `amlnet explain`, a check over the model, and the
// blueprint cases that must pass and fail, tested beside it (rules.test.ts runs them all).
import type { DocKey, FactId } from "../core/knowledge/facts.ts";
import type { Analysis } from "../core/analysis.ts";
import type { Resource } from "../core/types.ts";
import type { SourcePath } from "../core/source.ts";

export type { Severity } from "../core/diagnostics.ts";
import type { Severity } from "../core/diagnostics.ts";

export interface Hit {
  /** The resource at fault; its source path locates the finding. */
  readonly resource?: Resource;
  /** A more precise source path than the resource's, when known. */
  readonly source?: SourcePath;
  /** What breaks for the user, in a sentence. */
  readonly message: string;
  /** Which of the rule's messages this is (a key of `Rule.messages`), for a rule that has several. */
  readonly messageId?: string;
  /** The change that fixes it. */
  readonly fix: string;
  /** A stable key for what the finding is about when the resource doesn't say it (AML080: the flow id). */
  readonly subject?: string;
  /** The resource at the root of this finding when another finding may be about it (AML080: the blocking hop's). */
  readonly cause?: string;
  /** Other resources the finding rests on (a traced flow's target): an unknown in one of them makes it unjudged. */
  readonly about?: readonly string[];
  /**
   * The property of `resource` the finding is about, as ARM writes it (`properties`,
   * `publicNetworkAccess`): a template or an estate is located there, or at the expression that
   * computes it when the template writes the value as one.
   */
  readonly property?: readonly (string | number)[];
}

export interface Rule {
  readonly id: `AML${number}`;
  readonly title: string;
  readonly severity: Severity;
  readonly facts: readonly FactId[];
  readonly docs: readonly DocKey[];
  /** Why the rule exists: what goes wrong in Azure, for `amlnet explain`. */
  readonly description: string;
  readonly check: (analysis: Analysis) => readonly Hit[];
  /**
   * A rule that reports several kinds of problem names each (the typescript-eslint habit): its
   * hits carry the key as `messageId`, and its failing cases assert keys, not wording.
   */
  readonly messages?: Readonly<Record<string, string>>;
  /**
   * Message keys no blueprint can produce (only a template or an estate holds the shape), each
   * with the test that asserts it instead of a blueprint case.
   */
  readonly testedElsewhere?: Readonly<Record<string, string>>;
  /**
   * Blueprint patches (YAML, merged over the base case of cases.ts) that must produce none of this
   * rule's findings, and patches that must produce exactly the findings they list.
   */
  readonly cases: { readonly pass: readonly string[]; readonly fail: readonly FailCase[] };
}

export interface FailCase {
  readonly patch: string;
  /**
   * Every finding the patch gives, as many times as it gives it: where (the source path, dotted)
   * and what (the message's key for a rule with `messages`, else a stable fragment of the message).
   */
  readonly fires: readonly Fires[];
}

export type Fires = { readonly at: string; readonly says: string } | { readonly at: string; readonly id: string };

export function rule(r: Rule): Rule {
  return r;
}
