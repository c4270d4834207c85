import { describe, expect, it } from "vitest";
import { rolePermissions } from "../../server/platform/actor.ts";
import { permissions, type Role } from "../../shared/organisation.ts";
import { offers, staffToolRoles } from "./menu-rules.ts";

/** A session holding these roles at the root, with the abilities the server would send. */
const holding = (...roles: Role[]) => ({
  grants: roles.map((role) => ({ role, unitId: "u", unitPath: "root" })),
  abilities: Object.fromEntries(
    permissions.map((permission) => [
      permission,
      roles.some((role) => rolePermissions[role].includes(permission)) ? ["root"] : [],
    ]),
  ) as Record<(typeof permissions)[number], string[]>,
});

const channels = { permission: "units.read", roles: staffToolRoles } as const;
const units = { permission: "units.read" } as const;

describe("the menu offers what each person's roles use", () => {
  it("offers the channel registry and the media library to the staff, not to a declaration reviewer", () => {
    for (const role of ["administrator", "editor", "approver", "duty_officer", "checker"] as const) {
      expect(offers(holding(role), channels), role).toBe(true);
    }
    expect(offers(holding("declaration_reviewer"), channels)).toBe(false);
    expect(offers(holding("member"), channels)).toBe(false);
    // A reviewer who is also an editor keeps them.
    expect(offers(holding("declaration_reviewer", "editor"), channels)).toBe(true);
  });

  it("offers a page by its permission alone when it names no roles", () => {
    expect(offers(holding("declaration_reviewer"), units)).toBe(true);
    expect(offers(holding("member"), units)).toBe(false);
    expect(offers(holding("member"), {})).toBe(true);
  });
});
