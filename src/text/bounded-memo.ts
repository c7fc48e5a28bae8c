/**
 * Remembers the results of a pure function of short strings (syllables, tokens): messages repeat the same few
 * thousand of them. Bounded: emptied when full; longer strings are computed every time.
 */
export function boundedMemo<T>(fn: (key: string) => T, options: { maxEntries: number; maxKeyLength: number }): (key: string) => T {
  const memo = new Map<string, T>();
  return (key) => {
    if (key.length > options.maxKeyLength) return fn(key);
    let value = memo.get(key);
    if (value === undefined) {
      if (memo.size >= options.maxEntries) memo.clear();
      memo.set(key, (value = fn(key)));
    }
    return value;
  };
}
