/** Bumped by the engine each time it starts checking a flow (see FlowCache). */
let flowNumber = 0;

/** The engine starts checking another flow: values FlowCaches hold for the previous one are dropped. */
export function startFlow(): void {
  flowNumber++;
}

/**
 * A value computed once per object (a message, a call) while one flow is checked, for the rules
 * that ask for the same thing: a strong map, emptied when the next flow starts or when it holds
 * `max` entries. Values must depend only on the key (a miss computes the same value again).
 *
 * Not a WeakMap keyed by the messages: V8 promoted the values of such a long-lived WeakMap to the
 * old generation although their keys (the fresh views the engine checks) died young; on the 16 MB
 * bench capture, numberSites' WeakMap alone had ~27 MB promoted that now dies young.
 */
export class FlowCache<K extends object, V> {
  private map = new Map<K, V>();
  private flow = flowNumber;
  private readonly max: number;

  constructor(max = 4096) {
    this.max = max;
  }

  private current(): Map<K, V> {
    if (this.flow !== flowNumber) {
      this.flow = flowNumber;
      if (this.map.size > 0) this.map = new Map();
    }
    return this.map;
  }

  get(key: K): V | undefined {
    return this.current().get(key);
  }

  set(key: K, value: V): void {
    if (this.current().size >= this.max) this.map = new Map();
    this.map.set(key, value);
  }
}
