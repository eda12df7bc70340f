// One analysis of one model: what the rules and questions share. It owns the memos of every
// derived view (endpoint views, zone links, the data plane, the traced flows) and the tracking of
// the unknown values they read, so no answer depends on which question was asked first and no
// state outlives the model (the Batfish habit: compute once per model, ask many questions).
// Analyses read the model through it: its typed views record unknown reads, its `children`
// records a placeholder's. Front ends and back ends, which judge nothing, read the model directly.
import type { Model } from "./model.ts";
import type { Resource } from "./types.ts";
import { makeProps, type Props } from "./props.ts";
import { MemoCache, NO_READS, NOTHING_ASKED, UnknownTracker, type UnknownRead } from "./unknown-reads.ts";

/** A named memo of an analysis: a key (usually a lower-case id) to a value computed once. */
export interface MemoTable<K, T> {
  readonly name: string;
  /** Type witnesses only; never set. */
  readonly key?: K;
  readonly value?: T;
}

/** Declares a memo table (a module's constant: it holds no values, each analysis does). */
export function memoTable<K, T>(name: string): MemoTable<K, T> {
  return Object.freeze({ name });
}

export class Analysis {
  readonly model: Model;
  /** Typed properties; reading an unknown through them is recorded. */
  readonly props: Props;
  /** Whether the model holds unknowns (an imported template's); a blueprint's never does. */
  readonly imported: boolean;
  private readonly tracker = new UnknownTracker();
  // A table's cache; for a two-key table, a cache of its caches by first key.
  private readonly memos = new Map<MemoTable<unknown, unknown>, MemoCache<unknown, unknown>>();

  constructor(model: Model) {
    this.model = model;
    // Any model a blueprint didn't write may leave things untold (its values, or what it can't
    // hold at all: a DNS server's forwarders), so its analyses track what they read as unknown.
    this.imported = !model.known;
    // Only placeholders are watched when no property value is unknown (an export).
    this.props = makeProps(!this.imported ? undefined : model.valuesKnown ? (r, v) => (r.unknown ? this.tracker.watch(r, v) : v) : (r, v) => this.tracker.watch(r, v));
  }

  /** The value of `table` at `key`, computed on first ask; its unknown reads replay on every ask. */
  memo<K, T>(table: MemoTable<K, T>, key: K, compute: () => T): T {
    let cache = this.memos.get(table as MemoTable<unknown, unknown>) as MemoCache<K, T> | undefined;
    if (!cache) this.memos.set(table as MemoTable<unknown, unknown>, (cache = new MemoCache()) as MemoCache<unknown, unknown>);
    return this.memoIn(cache, key, compute);
  }

  /**
   * A memo keyed by two values, each as given: asked with the same id and name strings thousands
   * of times, it finds them without building a key string.
   */
  memo2<K1, K2, T>(table: MemoTable<readonly [K1, K2], T>, k1: K1, k2: K2, compute: () => T): T {
    let outer = this.memos.get(table as MemoTable<unknown, unknown>) as MemoCache<K1, MemoCache<K2, T>> | undefined;
    if (!outer) this.memos.set(table as MemoTable<unknown, unknown>, (outer = new MemoCache()) as MemoCache<unknown, unknown>);
    const recalled = outer.recall(k1);
    let cache = recalled === NOTHING_ASKED ? outer.values.get(k1) : recalled;
    if (!cache) outer.values.set(k1, (cache = new MemoCache()));
    if (recalled === NOTHING_ASKED) outer.remember(k1, cache, NO_READS);
    return this.memoIn(cache, k2, compute);
  }

  private memoIn<K, T>(cache: MemoCache<K, T>, key: K, compute: () => T): T {
    if (!this.imported) {
      const recalled = cache.recall(key);
      if (recalled !== NOTHING_ASKED) return recalled;
      const hit = cache.values.get(key);
      if (hit !== undefined || cache.values.has(key)) {
        cache.remember(key, hit as T, NO_READS);
        return hit as T;
      }
      const value = compute();
      cache.values.set(key, value);
      cache.remember(key, value, NO_READS);
      return value;
    }
    return this.tracker.memo(cache, key, compute);
  }

  /** Runs `fn`, returning its result and the unknown values it read (none for a blueprint). */
  record<T>(fn: () => T): { readonly result: T; readonly reads: readonly UnknownRead[] } {
    return this.imported ? this.tracker.record(fn) : { result: fn(), reads: NO_READS };
  }

  /**
   * Records that an answer rests on something the input doesn't hold (a DNS server's forwarders,
   * a deployment's egress setting): what reads it is unknown, not judged. A blueprint holds all of
   * it (its expansion writes every value), so for a blueprint this records nothing.
   */
  notGiven(r: Resource, reason: string): void {
    if (this.imported) this.tracker.readMissing(r, reason);
  }

  /** Whether any of a resource's properties is unknown. */
  holdsUnknown(r: Resource): boolean {
    return this.imported && !this.model.valuesKnown && this.tracker.resourceHoldsUnknown(r);
  }

  // The model's questions, asked as an analysis: a placeholder's children are unknown reads.

  get(id: string | undefined): Resource | undefined {
    return this.model.get(id);
  }

  ofType(type: string): readonly Resource[] {
    return this.model.ofType(type);
  }

  children(id: string, type?: string): readonly Resource[] {
    const all = this.model.children(id, type);
    if (this.imported) {
      const parent = this.model.get(id);
      if (parent) this.tracker.readPlaceholder(parent);
      // Children that are placeholders (an export's zone groups) count as read when listed.
      for (const c of all) this.tracker.readPlaceholder(c);
    }
    return all;
  }

  parent(r: Resource): Resource | undefined {
    return this.model.parent(r);
  }

  /** The resource holding the child `id` names (a subnet's VNet). */
  parentOf(id: string | undefined): Resource | undefined {
    return this.model.parentOf(id);
  }

  get cloud(): Model["cloud"] {
    return this.model.cloud;
  }

  get region(): string {
    return this.model.region;
  }

  get resources(): readonly Resource[] {
    return this.model.resources;
  }

  get clients(): Model["clients"] {
    return this.model.clients;
  }

  get dnsServers(): Model["dnsServers"] {
    return this.model.dnsServers;
  }

  get features(): Model["features"] {
    return this.model.features;
  }

  refsFrom(id: string, via?: string): ReturnType<Model["refsFrom"]> {
    return this.model.refsFrom(id, via);
  }

  refsTo(id: string, fromType?: string): ReturnType<Model["refsTo"]> {
    return this.model.refsTo(id, fromType);
  }
}
