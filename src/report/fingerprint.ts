// A finding's fingerprint: the same problem gets the same value however the file around it moves
// (rule, the resource or subject it is about, the blueprint path), so code scanning keeps one
// alert per problem and a baseline matches findings without line numbers.
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex } from "@noble/hashes/utils.js";
import type { LocatedFinding } from "./locate.ts";

export function fingerprint(f: LocatedFinding): string {
  const key = [f.ruleId, f.resourceId?.toLowerCase() ?? "", f.subject ?? "", (f.source ?? []).join("."), f.subject || f.resourceId ? "" : f.message].join("\u0000");
  return bytesToHex(sha256(new TextEncoder().encode(key))).slice(0, 32);
}
