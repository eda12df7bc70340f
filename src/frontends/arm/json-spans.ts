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

/**
 * One pass over a JSON text (comments allowed) before it is parsed: where it first nests deeper
 * than a limit, and where each of its shallow containers ends, so that listing the top-level list
 * of an export later doesn't scan its hundred thousand items' text again.
 */
export interface JsonOutline {
  /** The offset where the text first nests deeper than the limit; undefined when it doesn't. */
  readonly tooDeep?: number;
  /** The starts of the containers at most OUTLINED_DEPTH deep, ascending, and where each ends (just past it). */
  readonly starts: readonly number[];
  readonly ends: readonly number[];
}

// The root, an export's page or list, and the items in it.
const OUTLINED_DEPTH = 3;

export function jsonOutline(text: string, maxDepth: number): JsonOutline {
  const starts: number[] = [];
  const ends: number[] = [];
  // The indices in `starts` of the outlined containers still open.
  const open: number[] = [];
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      // A string: to its closing quote, the first one after an even run of backslashes (found
      // with indexOf: strings are most of an export's bytes).
      let close = text.indexOf('"', i + 1);
      for (;;) {
        if (close < 0) {
          i = text.length;
          break;
        }
        let backslashes = 0;
        while (close - 1 - backslashes > i && text.charCodeAt(close - 1 - backslashes) === 92) backslashes++;
        if (backslashes % 2 === 0) {
          i = close;
          break;
        }
        close = text.indexOf('"', close + 1);
      }
    } else if (c === 47 && text.charCodeAt(i + 1) === 47) {
      while (i < text.length && text.charCodeAt(i) !== 10) i++;
    } else if (c === 47 && text.charCodeAt(i + 1) === 42) {
      const end = text.indexOf("*/", i + 2);
      i = end < 0 ? text.length : end + 1;
    } else if (c === 123 || c === 91) {
      if (++depth > maxDepth) return { tooDeep: i, starts: [], ends: [] };
      if (depth <= OUTLINED_DEPTH) {
        open.push(starts.length);
        starts.push(i);
        ends.push(-1);
      }
    } else if (c === 125 || c === 93) {
      if (depth-- <= OUTLINED_DEPTH && open.length) ends[open.pop()!] = i + 1;
    }
  }
  return { starts, ends };
}

/**
 * Spans of `text`, which must be one JSON value as JSON.parse reads it (a byte-order mark
 * allowed); its outline, when given, spares scanning the shallow containers' text again.
 */
export function jsonSpans(text: string, outline?: JsonOutline): JsonSpans {
  const members = new Map<number, Members>();
  const root = skipSpace(text, text.charCodeAt(0) === 0xfeff ? 1 : 0);
  const starts = outline?.starts ?? [];
  const ends = outline?.ends ?? [];
  // Where the container at `start` ends, when the outline holds it.
  const endOf = (start: number): number => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid] === start) return ends[mid];
      if (starts[mid] < start) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  };
  const membersAt = (start: number): Members => {
    let m = members.get(start);
    if (!m) members.set(start, (m = list(text, start, endOf)));
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
function skipValue(text: string, i: number, endOf: (start: number) => number): number {
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
  const outlined = endOf(i);
  if (outlined >= 0) return outlined;
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
function list(text: string, start: number, endOf: (start: number) => number): Members {
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
    i = skipSpace(text, skipValue(text, i, endOf));
    if (text.charCodeAt(i) === 44) i = skipSpace(text, i + 1);
  }
  return isObject ? { byKey } : { items };
}
