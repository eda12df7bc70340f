// Which unknown values an analysis read (issue 13). An imported template leaves some values
// unknown until deployment; analyses read properties only through props.ts, which hands out a
// recording view of a resource that holds unknowns while a recording is on. The rule runner
// records each rule, so a finding (or a silence) that rests on an unknown says so instead of
// judging it as if it were known. Blueprints hold no unknowns and get the plain objects.
import { isUnknown, type Resource, type Unknown } from "./types.ts";

export interface UnknownRead {
  readonly resource: Resource;
  readonly unknown: Unknown;
}

let recording: { reads: UnknownRead[]; proxies: WeakMap<object, object> } | undefined;
const holdsUnknown = new WeakMap<Resource, boolean>();

/** Runs `fn`, returning what it returned and every unknown value it read through a view. */
export function recordUnknownReads<T>(fn: () => T): { readonly result: T; readonly reads: readonly UnknownRead[] } {
  const outer = recording;
  recording = { reads: [], proxies: new WeakMap() };
  const mine = recording;
  try {
    return { result: fn(), reads: mine.reads };
  } finally {
    recording = outer;
    // What a nested recording saw, the enclosing one saw too.
    outer?.reads.push(...mine.reads);
  }
}

/** Whether a recording is on (an analysis that caches what it computed replays its reads then). */
export function recordingReads(): boolean {
  return recording !== undefined;
}

/** Counts `reads` (made once, by a cached computation) as made by the analysis being recorded. */
export function replayReads(reads: readonly UnknownRead[]): void {
  recording?.reads.push(...reads);
}

/** Records that an analysis asked about a placeholder (its children, say): all of that is unknown. */
export function readPlaceholder(resource: Resource): void {
  if (recording && resource.unknown) recording.reads.push({ resource, unknown: resource.unknown });
}

/** Whether any of the resource's properties is unknown. */
export function resourceHoldsUnknown(r: Resource): boolean {
  let known = holdsUnknown.get(r);
  if (known === undefined) holdsUnknown.set(r, (known = containsUnknown(r.properties)));
  return known;
}

function containsUnknown(v: unknown): boolean {
  if (isUnknown(v)) return true;
  if (Array.isArray(v)) return v.some(containsUnknown);
  if (v && typeof v === "object") return Object.values(v).some(containsUnknown);
  return false;
}

/** `value` (a resource's properties or part of them), recording reads of unknowns while a recording is on. */
export function watched<T extends object>(resource: Resource, value: T): T {
  const r = recording;
  if (!r) return value;
  if (resource.unknown) {
    // Only the id is known: whatever is asked of it is unknown.
    const placeholder = resource.unknown;
    return new Proxy(value, {
      get(t, key, receiver) {
        if (typeof key === "string") r.reads.push({ resource, unknown: placeholder });
        return Reflect.get(t, key, receiver);
      },
    });
  }
  if (!resourceHoldsUnknown(resource)) return value;
  const wrap = (target: object): object => {
    let proxy = r.proxies.get(target);
    if (!proxy)
      r.proxies.set(
        target,
        (proxy = new Proxy(target, {
          get(t, key, receiver) {
            const v = Reflect.get(t, key, receiver);
            if (isUnknown(v)) {
              r.reads.push({ resource, unknown: v });
              return v;
            }
            return v && typeof v === "object" ? wrap(v) : v;
          },
        })),
      );
    return proxy;
  };
  return wrap(value) as T;
}

/** A memoized value and the unknowns computing it read. */
export interface Memo<T> {
  readonly value: T;
  readonly reads: readonly UnknownRead[];
}

/**
 * A memo that keeps what computing each entry read: a cache hit replays those reads, so every
 * analysis that uses a memoized answer (a DNS resolution, a subnet's routes) rests on its unknowns.
 */
export function memoWithReads<K, T>(cache: Map<K, Memo<T>> | WeakMap<K & object, Memo<T>>, key: K, compute: () => T): T {
  const c = cache as Map<K, Memo<T>>;
  const hit = c.get(key);
  if (hit) {
    replayReads(hit.reads);
    return hit.value;
  }
  if (!recording) {
    const value = compute();
    c.set(key, { value, reads: [] });
    return value;
  }
  const { result, reads } = recordUnknownReads(compute);
  c.set(key, { value: result, reads });
  return result;
}
