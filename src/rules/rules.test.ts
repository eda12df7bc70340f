// Every rule's own cases: each `pass` patch over the base blueprint yields none of the rule's
// findings; each `fail` patch yields exactly the findings it lists, as many times as it lists
// them (a multiset: a finding reported twice fails), each at its source path with its message key
// (or, for a rule with one message, its fragment). Also: the catalog is complete and well formed.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { RULES } from "./catalog.ts";
import type { Fires } from "./rule.ts";
import { BASE_CASE, mergeCase } from "./cases.ts";
import { checkBlueprint } from "../api/index.ts";
import { DOCS, FACTS } from "../core/knowledge/facts.ts";

function findingsOf(patch: string, ruleId: string) {
  const text = mergeCase(BASE_CASE, patch);
  const r = checkBlueprint("case.yaml", text);
  if (!r.ok) throw new Error(`case does not load:\n${patch}\n${r.errors.map((e) => `${e.position.line}:${e.position.col} ${e.message}`).join("\n")}`);
  return r.findings.filter((f) => f.ruleId === ruleId && !f.suppressed);
}

for (const rule of RULES) {
  test(`${rule.id} ${rule.title}`, () => {
    assert.ok(rule.cases.pass.length > 0 && rule.cases.fail.length > 0, "needs passing and failing cases");
    for (const p of rule.cases.pass) assert.deepEqual(findingsOf(p, rule.id).map((f) => f.message), [], `should pass:\n${p}`);
    for (const c of rule.cases.fail) {
      const got = findingsOf(c.patch, rule.id);
      const what = (f: (typeof got)[number]) =>
        rule.messages ? `#${f.messageId ?? "(no messageId)"}` : (c.fires.find((x): x is Fires & { says: string } => "says" in x && f.message.includes(x.says))?.says ?? f.message);
      const fired = got.map((f) => `${(f.source ?? []).join(".")}: ${what(f)}`).sort();
      const want = c.fires.map((x) => `${x.at}: ${"id" in x ? `#${x.id}` : x.says}`).sort();
      assert.deepEqual(fired, want, `should fail as listed:\n${c.patch}`);
    }
  });
}

test("the base blueprint is clean under every rule", () => {
  const r = checkBlueprint("base.yaml", BASE_CASE);
  assert.ok(r.ok);
  assert.deepEqual(r.findings.map((f) => `${f.ruleId}: ${f.message}`), []);
});

test("catalog: unique ids, every rule file registered, every rule cites facts and documents", () => {
  const ids = RULES.map((r) => r.id);
  assert.equal(new Set(ids).size, ids.length);
  const files = readdirSync(new URL(".", import.meta.url)).filter((f) => /^aml\d{3}-.*\.ts$/.test(f) && !f.endsWith(".test.ts"));
  assert.equal(files.length, RULES.length, "scripts/gen-catalog.sh regenerates the catalog");
  for (const r of RULES) {
    assert.match(r.id, /^AML\d{3}$/);
    assert.ok(files.some((f) => f.startsWith(r.id.toLowerCase())), `${r.id} lives in its own file`);
    // A rule cites the facts it encodes; one whose knowledge the facts file doesn't hold names the
    // page it quotes, by title, in its description.
    const quotesItsPage = r.docs.some((d) => r.description.includes(`"${DOCS[d].title}"`));
    assert.ok(r.facts.every((f) => f in FACTS) && (r.facts.length > 0 || quotesItsPage), `${r.id} cites known facts`);
    assert.ok(r.docs.length > 0 && r.docs.every((d) => d in DOCS), `${r.id} cites known documents`);
    for (const d of r.docs) assert.match(DOCS[d].url, /^https:\/\/learn\.microsoft\.com\/azure\/[a-z0-9/-]+$/, `${d} links its Learn page`);
    assert.ok(r.description.length > 60, `${r.id} explains itself`);
  }
  assert.ok(RULES.length >= 40, `at least 40 rules (have ${RULES.length})`);
});

test("a rule with several messages names each (messageId): its hits carry one, its cases assert keys and cover every key", () => {
  for (const r of RULES) {
    const fires = r.cases.fail.flatMap((c) => c.fires);
    if (!r.messages) {
      assert.ok(fires.every((x) => "says" in x), `${r.id}: a rule with one message asserts its wording`);
      continue;
    }
    const keys = Object.keys(r.messages);
    assert.ok(keys.length > 1, `${r.id}: messages are for rules with several`);
    assert.ok(fires.every((x) => "id" in x && keys.includes(x.id)), `${r.id}: cases assert declared keys`);
    assert.deepEqual(keys.filter((k) => !fires.some((x) => "id" in x && x.id === k) && !r.testedElsewhere?.[k]), [], `${r.id}: every message has a failing case`);
  }
});
