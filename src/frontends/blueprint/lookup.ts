// Look-ups into the blueprint's lists by a key (names, subnets, resource ids). A parsed blueprint
// never changes, so each list is indexed once per key: a thousand spokes cost a thousand look-ups,
// not a million comparisons.
const indexes = new WeakMap<readonly unknown[], Map<PropertyKey, Map<unknown, unknown[]>>>();

/** The elements of `list` whose `key` equals `value`, in list order. */
export function filterBy<T, K extends keyof T>(list: readonly T[], key: K, value: T[K]): readonly T[] {
  let byKey = indexes.get(list);
  if (!byKey) indexes.set(list, (byKey = new Map()));
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
export function findBy<T, K extends keyof T>(list: readonly T[], key: K, value: T[K]): T | undefined {
  return filterBy(list, key, value)[0];
}
