// Look-ups into the blueprint's lists by a key (names, subnets, resource ids). A parsed blueprint
// never changes, so each list is indexed once per key: a thousand spokes cost a thousand look-ups,
// not a million comparisons. One Lookup serves one reading of one blueprint (its indexes go with it).
export class Lookup {
  private readonly indexes = new WeakMap<readonly unknown[], Map<PropertyKey, Map<unknown, unknown[]>>>();

  /** The elements of `list` whose `key` equals `value`, in list order. */
  filterBy<T, K extends keyof T>(list: readonly T[], key: K, value: T[K]): readonly T[] {
    let byKey = this.indexes.get(list);
    if (!byKey) this.indexes.set(list, (byKey = new Map()));
    let index = byKey.get(key);
    if (!index) {
      index = new Map();
      for (const item of list) {
        const v = item[key];
        const bucket = index.get(v);
        if (bucket) bucket.push(item);
        else index.set(v, [item]);
      }
      byKey.set(key, index);
    }
    return (index.get(value) ?? []) as T[];
  }

  /** The first element of `list` whose `key` equals `value` (`list.find`, indexed). */
  findBy<T, K extends keyof T>(list: readonly T[], key: K, value: T[K]): T | undefined {
    return this.filterBy(list, key, value)[0];
  }
}
