// Which unknown values an analysis read. An imported template leaves some values unknown until
// deployment; analyses read properties through the analysis's typed views (core/analysis.ts),
// which hand out a recording view of a resource that holds unknowns. The rule runner records
// each rule, so a finding (or a silence) that rests on an unknown says so instead of judging it
// as if it were known. A tracker belongs to one analysis: no state outlives it or is shared.
import { isUnknown, type Resource, type Unknown } from "./types.ts";

export interface UnknownRead {
  readonly resource: Resource;
  readonly unknown: Unknown;
}

/** The reads of a computation that read no unknown. */
export const NO_READS: readonly UnknownRead[] = Object.freeze([]);

/** The last key of a memo cache nothing has asked yet (no key value can stand for it: a key may be undefined). */
export const NOTHING_ASKED: unique symbol = Symbol("nothing asked");

/**
 * Memoized values by key, and what computing an entry read when it read any unknown: most read
 * none, and an estate's memos hold hundreds of thousands of entries, each kept as its bare value.
 * The entry asked last is kept beside them: a flow's hops ask the same subnet's routes, NSG and
 * place one after another, and a source's flows come together, so most asks (six in ten in an
 * estate) are answered without searching a map of ten thousand entries.
 */
export class MemoCache<K, T> {
  readonly values = new Map<K, T>();
  reads: Map<K, readonly UnknownRead[]> | undefined;
  lastKey: K | typeof NOTHING_ASKED = NOTHING_ASKED;
  lastValue: T | undefined;
  lastReads: readonly UnknownRead[] = NO_READS;

  /** The value at `key` when it is the entry asked last, else NOTHING_ASKED (a value may be undefined). */
  recall(key: K): T | typeof NOTHING_ASKED {
    return this.lastKey === key ? (this.lastValue as T) : NOTHING_ASKED;
  }

  remember(key: K, value: T, reads: readonly UnknownRead[]): void {
    this.lastKey = key;
    this.lastValue = value;
    this.lastReads = reads;
  }
}

export class UnknownTracker {
  /** The recordings in progress, innermost last; one that has read nothing yet has no list. */
  private readonly stack: (UnknownRead[] | undefined)[] = [];
  private readonly holdsUnknown = new WeakMap<Resource, boolean>();
  private readonly proxies = new WeakMap<object, object>();

  /** Runs `fn`, returning what it returned and every unknown value it read through a view. */
  record<T>(fn: () => T): { readonly result: T; readonly reads: readonly UnknownRead[] } {
    const result = this.during(fn);
    return { result, reads: this.last };
  }

  // What the recording `during` ended last read (NO_READS for nothing): handed over without an
  // object per recording (a memo's misses and an estate's traces make a million of them).
  private last: readonly UnknownRead[] = NO_READS;

  private during<T>(fn: () => T): T {
    this.stack.push(undefined);
    try {
      return fn();
    } finally {
      const mine = this.stack.pop();
      this.last = mine ?? NO_READS;
      // What a nested recording saw, the enclosing one saw too.
      if (mine) this.replay(mine);
    }
  }

  /** Counts `reads` (made once, by a cached computation) as made by the recording in progress. */
  replay(reads: readonly UnknownRead[]): void {
    const top = this.stack.length - 1;
    if (!reads.length || top < 0) return;
    const current = (this.stack[top] ??= []);
    for (const r of reads) current.push(r);
  }

  private read(resource: Resource, unknown: Unknown): void {
    const top = this.stack.length - 1;
    if (top >= 0) (this.stack[top] ??= []).push({ resource, unknown });
  }

  /** Records a read of something the input doesn't hold at all, with why. */
  readMissing(resource: Resource, reason: string): void {
    this.read(resource, { unknown: true, reason, at: 0, path: resource.source });
  }

  /** Records that an analysis asked about a placeholder (its children, say): all of that is unknown. */
  readPlaceholder(resource: Resource): void {
    if (resource.unknown) this.read(resource, resource.unknown);
  }

  /** Whether any of the resource's properties is unknown. */
  resourceHoldsUnknown(r: Resource): boolean {
    let known = this.holdsUnknown.get(r);
    if (known === undefined) this.holdsUnknown.set(r, (known = containsUnknown(r.properties)));
    return known;
  }

  /**
   * `value` (a resource's properties or part of them) as a view that records each unknown read
   * into whichever recording is in progress when it is read, so a value computed once and kept
   * (a memo) still charges its unknowns to every later reader.
   */
  watch<T extends object>(resource: Resource, value: T): T {
    if (resource.unknown) {
      // Only the id is known: whatever is asked of it is unknown.
      const placeholder = resource.unknown;
      return new Proxy(value, {
        get: (t, key, receiver) => {
          if (typeof key === "string") this.read(resource, placeholder);
          return Reflect.get(t, key, receiver);
        },
      });
    }
    if (!this.resourceHoldsUnknown(resource)) return value;
    const wrap = (target: object): object => {
      let proxy = this.proxies.get(target);
      if (!proxy)
        this.proxies.set(
          target,
          (proxy = new Proxy(target, {
            get: (t, key, receiver) => {
              const v = Reflect.get(t, key, receiver);
              if (isUnknown(v)) {
                this.read(resource, v);
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

  /**
   * A memo that keeps what computing each entry read, whether or not a recording was on then: a
   * hit replays those reads, so every analysis that uses a memoized answer rests on its unknowns
   * (and the answer doesn't depend on who asked first).
   */
  memo<K, T>(cache: MemoCache<K, T>, key: K, compute: () => T): T {
    const recalled = cache.recall(key);
    if (recalled !== NOTHING_ASKED) {
      this.replay(cache.lastReads);
      return recalled;
    }
    const hit = cache.values.get(key);
    if (hit !== undefined || cache.values.has(key)) {
      const reads = cache.reads?.get(key) ?? NO_READS;
      this.replay(reads);
      cache.remember(key, hit as T, reads);
      return hit as T;
    }
    const value = this.during(compute);
    const reads = this.last;
    cache.values.set(key, value);
    if (reads.length) (cache.reads ??= new Map()).set(key, reads);
    cache.remember(key, value, reads);
    return value;
  }
}

function containsUnknown(v: unknown): boolean {
  // Iterative: imported documents may nest deeper than the stack allows.
  const stack: unknown[] = [v];
  while (stack.length) {
    const x = stack.pop();
    if (isUnknown(x)) return true;
    // Pushed one by one: a spread of a long list (an export's thousand peerings) is one argument each.
    if (Array.isArray(x)) for (let i = 0; i < x.length; i++) stack.push(x[i]);
    else if (x && typeof x === "object") for (const k in x) stack.push((x as Record<string, unknown>)[k]);
  }
  return false;
}
