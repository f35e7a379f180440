import { Entity } from '@bascule/shared/ddd';

/**
 * A deep copy of an aggregate's state, as a store would hand out after a round trip: entities (the root and its
 * children), arrays, maps, sets, dates and plain objects are copied; any other object (value objects, ids,
 * clocks and other dependencies the aggregate was given) is immutable or not state, and stays shared.
 */
export function copyAggregate<T extends object>(aggregate: T): T {
  return copyOf(aggregate, new Map()) as T;
}

function copyOf(value: unknown, copies: Map<object, unknown>): unknown {
  if (value === null || typeof value !== 'object') return value;
  const known = copies.get(value);
  if (known !== undefined) return known;
  if (value instanceof Date) return new Date(value.getTime());
  if (Array.isArray(value))
    return remember(copies, value, [] as unknown[], (copy) => value.forEach((v) => copy.push(copyOf(v, copies))));
  if (value instanceof Map)
    return remember(copies, value, new Map(), (copy) => value.forEach((v, k) => copy.set(k, copyOf(v, copies))));
  if (value instanceof Set)
    return remember(copies, value, new Set(), (copy) => value.forEach((v) => copy.add(copyOf(v, copies))));
  if (!(value instanceof Entity) && !isPlain(value)) return value;
  const copy = Object.create(Object.getPrototypeOf(value)) as Record<string, unknown>;
  return remember(copies, value, copy, () => {
    for (const key of Reflect.ownKeys(value)) {
      const descriptor = Object.getOwnPropertyDescriptor(value, key) as PropertyDescriptor;
      if ('value' in descriptor) descriptor.value = copyOf(descriptor.value, copies);
      Object.defineProperty(copy, key, descriptor);
    }
  });
}

function isPlain(value: object): boolean {
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** Registers the copy before filling it, so that cycles (a child pointing back at its root) copy once. */
function remember<C>(copies: Map<object, unknown>, original: object, copy: C, fill: (copy: C) => void): C {
  copies.set(original, copy);
  fill(copy);
  return copy;
}
