/**
 * A lookup table written as an object literal with `__proto__: null`, typed without that key.
 * V8 builds such a literal as a dictionary: a literal with a prototype gets a new hidden class
 * (map) for every key the first time it runs, a few thousand instructions per key, which every
 * one-shot run paid for each table it loaded (the 50 header parsers: ~0.4M instructions;
 * docs/startup.md). Tables are read by key, so a dictionary serves them as fast; and no key of
 * Object.prototype (`constructor`, `toString`) can be looked up by mistake.
 */
export function nullProto<T extends { __proto__: null }>(table: T): Omit<T, '__proto__'> {
  return table;
}
