import { describe, expect, it } from "vitest";
import type { Actor, Role } from "../../platform/actor.ts";
import { canManageMedia, exceedsQuota } from "./policy.ts";

function actorWith(grants: [Role, string][]): Actor {
  return {
    personId: "p1",
    fullName: "Người thử",
    email: null,
    unitId: "unit-of-p.a",
    grants: grants.map(([role, unitPath]) => ({ role, unitId: `unit-of-${unitPath}`, unitPath })),
    via: "session",
    totpSetupRequired: false,
  };
}

describe("the media library's rules", () => {
  it("lets those who manage channels over an item's unit change it, and nobody an item without a unit", () => {
    const editor = actorWith([["editor", "p.a"]]);
    expect(canManageMedia(editor, "p.a")).toBe(true);
    expect(canManageMedia(editor, "p.a.v")).toBe(true);
    expect(canManageMedia(editor, "p.b")).toBe(false);
    expect(canManageMedia(actorWith([["approver", "p"]]), "p.a")).toBe(false);
    expect(canManageMedia(editor, null)).toBe(false);
  });

  it("refuses an upload past the quota, and any upload once it is used up", () => {
    const quotaBytes = 1000;
    expect(exceedsQuota({ usedBytes: 400, addingBytes: 600, quotaBytes })).toBe(false);
    expect(exceedsQuota({ usedBytes: 400, addingBytes: 601, quotaBytes })).toBe(true);
    expect(exceedsQuota({ usedBytes: 999, addingBytes: 0, quotaBytes })).toBe(false);
    expect(exceedsQuota({ usedBytes: 1000, addingBytes: 0, quotaBytes })).toBe(true);
  });
});
