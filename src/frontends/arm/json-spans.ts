// Where a path's value starts in a text JSON.parse accepted, without a syntax tree: an 80 MB
// export's tree costs seconds and a gigabyte, while findings ask for a few thousand paths. Each
// container's members are listed on first ask (strings skipped with indexOf, nested containers by
// counting brackets) and kept, so the top-level list of an export is scanned once and each
// resource's own text only when a finding points into it.

/** A member of an object or array: where its value starts, and for a property where its key does. */
interface Member {
  readonly key: number;
  readonly value: number;
}

interface Members {
  readonly byKey?: ReadonlyMap<string, Member>;
  readonly items?: readonly Member[];
}

export interface JsonSpans {
  /**
   * Where the value at `path` starts, or its nearest ancestor's that exists; where the key starts
   * when `key` names a property of the value at the whole path.
   */
  find(path: readonly (string | number)[], key?: string): number;
}

/** Spans of `text`, which must be one JSON value as JSON.parse reads it (a byte-order mark allowed). */
export function jsonSpans(text: string): JsonSpans {
  const members = new Map<number, Members>();
  const root = skipSpace(text, text.charCodeAt(0) === 0xfeff ? 1 : 0);
  const membersAt = (start: number): Members => {
    let m = members.get(start);
    if (!m) members.set(start, (m = list(text, start)));
    return m;
  };
  return {
    find(path, key) {
      let at = root;
      let depth = 0;
      for (const segment of path) {
        const c = text.charCodeAt(at);
        if (c !== 123 && c !== 91) break;
        const m = membersAt(at);
        const next = typeof segment === "number" ? m.items?.[segment] : m.byKey?.get(segment);
        if (!next) break;
        at = next.value;
        depth++;
      }
      if (key !== undefined && depth === path.length && text.charCodeAt(at) === 123) {
        const property = membersAt(at).byKey?.get(key);
        if (property) return property.key;
      }
      return at;
    },
  };
}

function skipSpace(text: string, i: number): number {
  for (;;) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 10 || c === 13 || c === 9) i++;
    else return i;
  }
}

/** The index just past the string whose opening quote is at `i`. */
function skipString(text: string, i: number): number {
  let close = text.indexOf('"', i + 1);
  for (;;) {
    let backslashes = 0;
    while (text.charCodeAt(close - 1 - backslashes) === 92) backslashes++;
    if (backslashes % 2 === 0) return close + 1;
    close = text.indexOf('"', close + 1);
  }
}

/** The index just past the value that starts at `i`. */
function skipValue(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c === 34) return skipString(text, i);
  if (c !== 123 && c !== 91) {
    // A number, true, false or null: to the next delimiter.
    while (i < text.length) {
      const d = text.charCodeAt(i);
      if (d === 44 || d === 93 || d === 125 || d === 32 || d === 10 || d === 13 || d === 9) break;
      i++;
    }
    return i;
  }
  let depth = 0;
  for (;;) {
    const d = text.charCodeAt(i);
    if (d === 34) {
      i = skipString(text, i);
      continue;
    }
    if (d === 123 || d === 91) depth++;
    else if (d === 125 || d === 93) {
      depth--;
      if (depth === 0) return i + 1;
    }
    i++;
  }
}

/** The members of the object or array at `start`. */
function list(text: string, start: number): Members {
  const isObject = text.charCodeAt(start) === 123;
  const byKey = new Map<string, Member>();
  const items: Member[] = [];
  let i = skipSpace(text, start + 1);
  while (text.charCodeAt(i) !== (isObject ? 125 : 93)) {
    let key = i;
    if (isObject) {
      const end = skipString(text, i);
      const name = JSON.parse(text.slice(i, end)) as string;
      i = skipSpace(text, skipSpace(text, end) + 1); // past the colon
      // The first of duplicate keys, as a syntax tree's search finds it.
      if (!byKey.has(name)) byKey.set(name, { key, value: i });
    } else {
      key = i;
      items.push({ key, value: i });
    }
    i = skipSpace(text, skipValue(text, i));
    if (text.charCodeAt(i) === 44) i = skipSpace(text, i + 1);
  }
  return isObject ? { byKey } : { items };
}
