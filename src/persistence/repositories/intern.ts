/**
 * Canonical copies of the short strings every stored row repeats: statuses, categories, roles,
 * platforms, history actions, and the mall's own places (shop codes, units, floors). The driver
 * decodes each row's strings afresh, so without this 10 000 open tickets would hold 10 000 copies
 * of `'reported'` and of `'B1'` (24-32 bytes each, about 300 bytes per ticket); `JSON.parse`
 * shares such short values the same way. Only vocabulary goes through here, never ids or free
 * text, and the table stops growing at `MAX_ENTRIES`, so a large or hostile vocabulary costs at
 * most that many entries and is then passed through unchanged.
 */
const MAX_ENTRIES = 4096;
const MAX_LENGTH = 32;
const table = new Map<string, string>();

/** The canonical copy of `s` (the same value, typed as given), or `s` itself once the table is full. */
export const intern = <T extends string>(s: T): T => {
  // A row written before a field existed may lack it: passed through as it is, as before.
  if (typeof s !== 'string' || s.length > MAX_LENGTH) return s;
  const canonical = table.get(s);
  if (canonical !== undefined) return canonical as T;
  if (table.size < MAX_ENTRIES) table.set(s, s);
  return s;
};

const lists = new Map<string, readonly string[]>();

/**
 * A short list of vocabulary (a complaint's routed roles) as one shared frozen copy per distinct
 * content, the one frozen empty list when empty; bounded like the strings.
 */
export const internAll = <T extends string>(xs: readonly T[] | null | undefined): readonly T[] => {
  if (!xs || xs.length === 0) return EMPTY;
  const key = xs.join('\u0000');
  const canonical = lists.get(key);
  if (canonical !== undefined) return canonical as readonly T[];
  const copy = Object.freeze(xs.map((x) => intern(x)));
  if (key.length <= MAX_LENGTH * 4 && lists.size < MAX_ENTRIES) lists.set(key, copy);
  return copy;
};

/** The one empty list views share (frozen: a view's lists are read-only). */
export const EMPTY: readonly never[] = Object.freeze([]);
