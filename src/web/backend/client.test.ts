import { describe, expect, it } from "vitest";
import { withQuery } from "./client.ts";

describe("a query the web app sends", () => {
  it("drops a NUL character, which cannot be searched for, and searches for the rest", () => {
    expect(withQuery("/api/channels", { q: "\u0000x" })).toBe("/api/channels?q=x");
    expect(withQuery("/api/people", { q: "\u0000", page: 2 })).toBe("/api/people?page=2");
    expect(withQuery("/api/people", { q: "Tân Trào", active: false })).toBe(
      "/api/people?q=T%C3%A2n+Tr%C3%A0o&active=false",
    );
  });
});
