/**
 * Memoises a pure string function with a bounded cache. Procedure texts repeat a lot across a corpus
 * (the same certificate names, notes and descriptions), so most calls are hits. Keys are copied
 * before they are kept: a key sliced out of a file's text would otherwise keep the whole text alive.
 */
export function memoize<T>(compute: (text: string) => T, limit = 50_000): (text: string) => T {
  return memoizeBy((text) => text, compute, limit);
}

/** Memoises a pure function of anything by a string key that says all the result depends on (see memoize). */
export function memoizeBy<A, T>(keyOf: (argument: A) => string, compute: (argument: A) => T, limit = 50_000): (argument: A) => T {
  const cache = new Map<string, T>();
  return (argument) => {
    const text = keyOf(argument);
    let value = cache.get(text);
    if (value === undefined) {
      value = compute(argument);
      if (cache.size >= limit) cache.clear();
      const key = ownCopy(text);
      // A text returned unchanged (already normal) is kept as the copy too, never as the slice.
      if ((value as unknown) === text) value = key as T;
      cache.set(key, value);
    }
    return value;
  };
}

/** A flat copy of a string that shares no memory with the text it may have been sliced from. */
export function ownCopy(text: string): string {
  return text.length < 13 ? text : Buffer.from(text, 'utf8').toString('utf8');
}
