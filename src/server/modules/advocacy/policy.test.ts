import { describe, expect, it } from "vitest";
import type { Actor, Role } from "../../platform/actor.ts";
import {
  acceptsRankingConsent,
  canAimKitAt,
  canEditKit,
  canFollowChannel,
  canInviteToCampaign,
  canReinstateKit,
  canShareFromPost,
  canUseCampaign,
  canUseKitCard,
  canWithdrawKit,
  isKitLive,
  kitReachesMember,
} from "./policy.ts";
import { rankingPurpose } from "./ranking-purpose.ts";

/** Units as ltree paths: a province with two communes. */
const province = "p";
const communeA = "p.a";
const communeB = "p.b";

function actorWith(unitPath: string, grants: [Role, string][] = []): Actor {
  return {
    personId: "person",
    fullName: "Người thử",
    email: null,
    unitId: `unit-of-${unitPath}`,
    grants: grants.map(([role, path]) => ({ role, unitId: `unit-of-${path}`, unitPath: path })),
    via: "session",
    totpSetupRequired: false,
  };
}

const now = new Date("2026-12-06T08:00:00Z");
const later = new Date("2026-12-07T08:00:00Z");
const earlier = new Date("2026-12-05T08:00:00Z");
const kit = { status: "active", expiresAt: null, targetUnitIds: ["commune-a"] };

describe("advocacy policy", () => {
  it("keeps a kit live while it is active and not past its expiry", () => {
    expect(isKitLive({ status: "active", expiresAt: null }, now)).toBe(true);
    expect(isKitLive({ status: "active", expiresAt: later }, now)).toBe(true);
    expect(isKitLive({ status: "active", expiresAt: now }, now)).toBe(false);
    expect(isKitLive({ status: "active", expiresAt: earlier }, now)).toBe(false);
    expect(isKitLive({ status: "withdrawn", expiresAt: null }, now)).toBe(false);
  });

  it("lets a kit reach the members of a targeted unit or one below it, while it is live", () => {
    expect(kitReachesMember(kit, ["village-a", "commune-a", "province"], now)).toBe(true);
    expect(kitReachesMember(kit, ["commune-b", "province"], now)).toBe(false);
    expect(kitReachesMember({ ...kit, status: "withdrawn" }, ["commune-a"], now)).toBe(false);
    expect(kitReachesMember({ ...kit, expiresAt: earlier }, ["commune-a"], now)).toBe(false);
  });

  it("lets the kit's editors and the members whose feed it is in use its card, nobody else", () => {
    const editor = actorWith(province, [["editor", communeA]]);
    const otherEditor = actorWith(province, [["editor", communeB]]);
    const member = actorWith(communeB);
    expect(canEditKit(editor, communeA)).toBe(true);
    expect(canEditKit(otherEditor, communeA)).toBe(false);
    expect(canEditKit(actorWith(communeA, [["member", communeA]]), communeA)).toBe(false);
    // An editor reaches a withdrawn kit's card; a member only a live kit in their feed.
    expect(canUseKitCard(editor, { ...kit, status: "withdrawn" }, communeA, [], now)).toBe(true);
    expect(canUseKitCard(member, kit, communeA, ["commune-a"], now)).toBe(true);
    expect(canUseKitCard(member, kit, communeA, ["commune-b"], now)).toBe(false);
    expect(canUseKitCard(member, { ...kit, status: "withdrawn" }, communeA, ["commune-a"], now)).toBe(false);
    expect(canUseKitCard(otherEditor, kit, null, [], now)).toBe(false);
  });

  it("lets an editor aim kits, use campaigns, posts and channels only within the units they manage", () => {
    const editor = actorWith(communeA, [["editor", communeA]]);
    const administrator = actorWith(province, [["administrator", province]]);
    for (const rule of [canAimKitAt, canShareFromPost, canUseCampaign, canFollowChannel]) {
      expect(rule(editor, communeA)).toBe(true);
      expect(rule(editor, `${communeA}.v`)).toBe(true);
      expect(rule(editor, communeB)).toBe(false);
      expect(rule(editor, province)).toBe(false);
      expect(rule(administrator, communeB)).toBe(true);
      expect(rule(actorWith(communeA, [["approver", communeA]]), communeA)).toBe(false);
    }
  });

  it("invites only active units the editor manages to a campaign", () => {
    const editor = actorWith(province, [["editor", province]]);
    expect(canInviteToCampaign(editor, { status: "active", path: communeA })).toBe(true);
    expect(canInviteToCampaign(editor, { status: "merged", path: communeA })).toBe(false);
    expect(canInviteToCampaign(editor, { status: "dissolved", path: communeA })).toBe(false);
    expect(
      canInviteToCampaign(actorWith(communeB, [["editor", communeB]]), { status: "active", path: communeA }),
    ).toBe(false);
  });

  it("accepts an opt-in to rankings only against the purpose in force, and a withdrawal always", () => {
    expect(acceptsRankingConsent({ optIn: true, purposeVersion: rankingPurpose.version })).toBe(true);
    expect(acceptsRankingConsent({ optIn: true, purposeVersion: "2020-01-01" })).toBe(false);
    expect(acceptsRankingConsent({ optIn: true })).toBe(false);
    expect(acceptsRankingConsent({ optIn: false })).toBe(true);
    expect(acceptsRankingConsent({ optIn: false, purposeVersion: "2020-01-01" })).toBe(true);
  });
});

describe("withdrawing and reinstating a kit", () => {
  it("withdraws a kit that is not withdrawn, expired or not, and reinstates only a withdrawn one", () => {
    expect(canWithdrawKit({ status: "active" })).toBe(true);
    expect(canWithdrawKit({ status: "withdrawn" })).toBe(false);
    expect(canReinstateKit({ status: "withdrawn" })).toBe(true);
    expect(canReinstateKit({ status: "active" })).toBe(false);
  });
});
