import { describe, expect, it } from "vitest";
import { can, isWithin, unitIdFromPathLabel } from "./session.ts";
import { type Permission, permissions, type Role, roles, type SignedInSession } from "./types.ts";

/** The server names every permission and role, with no unit path where the person has none. */
function sessionWith(held: Partial<Record<Permission, string[]>>): SignedInSession {
  const none = <Key extends string>(keys: readonly Key[]) =>
    Object.fromEntries(keys.map((key) => [key, [] as string[]])) as Record<Key, string[]>;
  return {
    authenticated: true,
    csrfToken: "t",
    person: { id: "p", fullName: "Lê Thu Trang", email: null, unitId: "u" },
    grants: [],
    abilities: { ...none<Permission>(permissions), ...held },
    grantableRoles: none<Role>(roles),
    security: { totpEnabled: false, totpRequiredBy: [], totpSetupRequired: false },
  };
}

describe("abilities in the web app", () => {
  it("covers a unit equal to or below an ability path, never a sibling sharing a prefix", () => {
    expect(isWithin("a.b", "a")).toBe(true);
    expect(isWithin("a", "a")).toBe(true);
    expect(isWithin("ab", "a")).toBe(false);
    expect(isWithin("a", "a.b")).toBe(false);
  });

  it("answers per unit from the abilities the server sent", () => {
    const session = sessionWith({ "units.manage": ["root.commune"], "units.read": ["root"] });
    expect(can(session, "units.manage", "root.commune.cell")).toBe(true);
    expect(can(session, "units.manage", "root.other")).toBe(false);
    expect(can(session, "units.manage")).toBe(true);
    expect(can(session, "audit.read")).toBe(false);
  });

  it("turns an ltree label back into the unit id", () => {
    expect(unitIdFromPathLabel("4a1ccd78d8a34d41979710b2ac25ead0")).toBe(
      "4a1ccd78-d8a3-4d41-9797-10b2ac25ead0",
    );
  });
});
