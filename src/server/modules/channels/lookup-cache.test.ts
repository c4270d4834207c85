import { describe, expect, it } from "vitest";
import { LookupCache } from "../../cache/lookup-cache.ts";

describe("lookup cache", () => {
  it("expires entries after the TTL and evicts the least recently used when full", () => {
    const cache = new LookupCache<number>({ maxEntries: 2, ttlMs: 1000 });
    cache.set("a", 1, 0);
    cache.set("b", 2, 0);
    expect(cache.get("a", 10)).toBe(1); // a is now the most recently used
    cache.set("c", 3, 10); // evicts b
    expect(cache.get("b", 10)).toBeUndefined();
    expect(cache.get("a", 10)).toBe(1);
    expect(cache.get("c", 1009)).toBe(3);
    expect(cache.get("c", 1010)).toBeUndefined();
    cache.clear();
    expect(cache.size).toBe(0);
  });
});
