// JUnit XML for CI dashboards: a test case per rule and resource it found at fault (a failure each),
// and one passing case per rule that found nothing, so the catalog shows as the suite.
import type { LocatedFinding } from "./locate.ts";
import type { Rule } from "../rules/rule.ts";
import { oneLine } from "../core/quote.ts";
import { formatPosition } from "../core/source.ts";

const xml = (s: string) =>
  s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    // Characters XML 1.0 can't hold at all.
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "");

export function formatJunit(file: string, findings: readonly LocatedFinding[], rules: readonly Rule[]): string {
  return document([junitSuite(file, findings, rules)]);
}

/** One testsuite: its XML, and its counts for the document's. */
export interface Suite {
  readonly xml: string;
  readonly tests: number;
  readonly failures: number;
}

/** Several suites (one an input, and one of the files a search skipped) as one document. */
export function document(suites: readonly Suite[]): string {
  const tests = suites.reduce((n, s) => n + s.tests, 0);
  const failures = suites.reduce((n, s) => n + s.failures, 0);
  return ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites name="amlnet" tests="${tests}" failures="${failures}">`, ...suites.map((s) => s.xml), "</testsuites>", ""].join("\n");
}

/** An input's suite: a case per rule, failing per resource it found at fault. */
export function junitSuite(file: string, findings: readonly LocatedFinding[], rules: readonly Rule[]): Suite {
  const active = findings.filter((f) => !f.suppressed);
  const cases: string[] = [];
  const ids = [...new Set([...rules.map((r) => r.id), ...active.map((f) => f.ruleId)])];
  let failures = 0;
  for (const id of ids) {
    const mine = active.filter((f) => f.ruleId === id);
    const title = rules.find((r) => r.id === id)?.title ?? mine[0]?.title ?? id;
    if (!mine.length) {
      cases.push(`    <testcase classname="${xml(id)}" name="${xml(title)}"/>`);
      continue;
    }
    const bySubject = new Map<string, LocatedFinding[]>();
    for (const f of mine) {
      const key = f.subject ?? f.resourceId?.slice(f.resourceId.lastIndexOf("/") + 1) ?? `${f.position.line}:${f.position.col}`;
      bySubject.set(key, [...(bySubject.get(key) ?? []), f]);
    }
    for (const [subject, fs] of bySubject) {
      failures++;
      // Input quoted in a message stays on its line (a line of the job log is never the input's).
      const body = fs.map((f) => `${formatPosition(f.position)} ${f.severity} ${oneLine(f.message)}\nfix: ${oneLine(f.fix)}`).join("\n\n");
      cases.push(
        `    <testcase classname="${xml(id)}" name="${xml(oneLine(`${title}: ${subject}`))}" file="${xml(oneLine(file))}">\n      <failure type="${fs[0].severity}" message="${xml(oneLine(fs[0].message))}">${xml(body)}</failure>\n    </testcase>`,
      );
    }
  }
  return suite(file, cases, failures);
}

function suite(name: string, cases: readonly string[], failures: number, skipped = 0): Suite {
  const skips = skipped ? ` skipped="${skipped}"` : "";
  return { xml: [`  <testsuite name="${xml(oneLine(name))}" tests="${cases.length}" failures="${failures}"${skips}>`, ...cases, "  </testsuite>"].join("\n"), tests: cases.length, failures };
}

/** Input errors as a failing suite: a test case each, at its place, so a dashboard shows why the input wasn't read. */
export function formatJunitInputErrors(file: string, errors: readonly { code: string; message: string; position: { file: string; line: number; col: number } }[]): string {
  return document([junitErrorsSuite(file, errors)]);
}

export function junitErrorsSuite(file: string, errors: readonly { code: string; message: string; position: { file: string; line: number; col: number } }[]): Suite {
  const cases = errors.map(
    (e) =>
      `    <testcase classname="${xml(e.code)}" name="${xml(oneLine(`${e.code} input error at ${formatPosition(e.position)}`))}" file="${xml(oneLine(e.position.file))}">\n      <failure type="error" message="${xml(oneLine(e.message))}">${xml(`${formatPosition(e.position)} error ${e.code} ${oneLine(e.message)}`)}</failure>\n    </testcase>`,
  );
  return suite(file, cases, cases.length);
}

/** The files a search passed over, each a skipped case saying why. */
export function junitSkippedSuite(skipped: readonly { file: string; reason: string }[]): Suite {
  const cases = skipped.map((k) => `    <testcase classname="skipped" name="${xml(oneLine(k.file))}" file="${xml(oneLine(k.file))}">\n      <skipped message="${xml(oneLine(k.reason))}"/>\n    </testcase>`);
  return suite("skipped by the search", cases, 0, cases.length);
}
