import { describe, expect, it } from "vitest";
import { type Actor, can, scopeFor } from "../../platform/actor.ts";

function actorWith(grants: Actor["grants"]): Actor {
  return {
    personId: "p",
    fullName: "Người thử",
    email: null,
    unitId: "u",
    grants,
    via: "session",
    totpSetupRequired: false,
  };
}

describe("policy", () => {
  it("lists each top of the actor's scope once, dropping grants nested under another", () => {
    const actor = actorWith([
      { role: "administrator", unitId: "a", unitPath: "a.b" },
      { role: "editor", unitId: "a", unitPath: "a.b" },
      { role: "administrator", unitId: "c", unitPath: "a.b.c" },
      { role: "checker", unitId: "x", unitPath: "x" },
      { role: "member", unitId: "y", unitPath: "y" },
    ]);
    expect(scopeFor(actor, "units.read")).toEqual(["a.b", "x"]);
    expect(scopeFor(actor, "people.manage")).toEqual(["a.b"]);
  });

  it("allows a permission in the granted unit's subtree only", () => {
    const actor = actorWith([{ role: "administrator", unitId: "b", unitPath: "a.b" }]);
    expect(can(actor, "units.manage", "a.b")).toBe(true);
    expect(can(actor, "units.manage", "a.b.c.d")).toBe(true);
    expect(can(actor, "units.manage", "a")).toBe(false);
    expect(can(actor, "units.manage", "a.bc")).toBe(false);
    expect(can(actor, "units.manage", "a.c")).toBe(false);
  });
});
