// Lookups keyed by submitted data: a key such as "constructor" or "toString" must find
// nothing rather than a member every object inherits.
export function own<T>(map: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return map !== undefined && Object.hasOwn(map, key) ? map[key] : undefined;
}
