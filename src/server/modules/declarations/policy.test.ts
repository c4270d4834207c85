import { describe, expect, it } from "vitest";
import type { Actor, Role } from "../../platform/actor.ts";
import {
  canAcknowledgeReport,
  canChangeDeclaration,
  canCloseRequest,
  canViewDeclaration,
  consentsToCurrentPurpose,
  isAlertRecipient,
  requestReachesMember,
  toggledStatus,
} from "./policy.ts";
import { declarationPurpose } from "./purpose.ts";

/** Units as ltree paths: a province with two communes, one with a village below it. */
const province = "p";
const communeA = "p.a";
const villageA = "p.a.v";
const communeB = "p.b";

function actorWith(personId: string, unitPath: string, grants: [Role, string][] = []): Actor {
  return {
    personId,
    fullName: "Người thử",
    email: null,
    unitId: `unit-of-${unitPath}`,
    grants: grants.map(([role, path]) => ({ role, unitId: `unit-of-${path}`, unitPath: path })),
    via: "session",
    totpSetupRequired: false,
  };
}

describe("declarations policy", () => {
  const declaration = { personId: "member" };

  it("lets only the declarant change a declaration, whatever roles others hold", () => {
    expect(canChangeDeclaration(actorWith("member", villageA), declaration)).toBe(true);
    expect(
      canChangeDeclaration(actorWith("admin", province, [["administrator", province]]), declaration),
    ).toBe(false);
    expect(
      canChangeDeclaration(
        actorWith("reviewer", province, [["declaration_reviewer", province]]),
        declaration,
      ),
    ).toBe(false);
  });

  it("shows a declaration to its declarant and to a reviewer over the declarant's unit, not to an administrator", () => {
    expect(canViewDeclaration(actorWith("member", villageA), declaration, villageA)).toBe(true);
    expect(
      canViewDeclaration(
        actorWith("r", communeA, [["declaration_reviewer", communeA]]),
        declaration,
        villageA,
      ),
    ).toBe(true);
    expect(
      canViewDeclaration(
        actorWith("r", communeB, [["declaration_reviewer", communeB]]),
        declaration,
        villageA,
      ),
    ).toBe(false);
    expect(
      canViewDeclaration(
        actorWith("r", villageA, [["declaration_reviewer", villageA]]),
        declaration,
        communeA,
      ),
    ).toBe(false);
    expect(
      canViewDeclaration(actorWith("admin", province, [["administrator", province]]), declaration, villageA),
    ).toBe(false);
    expect(canViewDeclaration(actorWith("someone", villageA), declaration, villageA)).toBe(false);
  });

  it("accepts a consent only to the purpose in force", () => {
    expect(consentsToCurrentPurpose(declarationPurpose.version)).toBe(true);
    expect(consentsToCurrentPurpose("2020-01-01")).toBe(false);
    expect(consentsToCurrentPurpose("")).toBe(false);
  });

  it("lets a request reach members of its unit and below while it is open", () => {
    const open = { closedAt: null };
    expect(requestReachesMember(open, communeA, communeA)).toBe(true);
    expect(requestReachesMember(open, communeA, villageA)).toBe(true);
    expect(requestReachesMember(open, province, villageA)).toBe(true);
    expect(requestReachesMember(open, communeA, communeB)).toBe(false);
    expect(requestReachesMember(open, villageA, communeA)).toBe(false);
    // A sibling whose path merely starts with the same letters is another branch.
    expect(requestReachesMember(open, "p.a", "p.ab")).toBe(false);
    expect(requestReachesMember({ closedAt: new Date() }, communeA, villageA)).toBe(false);
  });

  it("mails administrators with an address about others' reports, never the reporter", () => {
    expect(isAlertRecipient({ id: "admin", email: "a@example.vn" }, "member")).toBe(true);
    expect(isAlertRecipient({ id: "admin", email: null }, "member")).toBe(false);
    expect(isAlertRecipient({ id: "admin", email: "" }, "member")).toBe(false);
    expect(isAlertRecipient({ id: "member", email: "m@example.vn" }, "member")).toBe(false);
  });
});

describe("the state actions the app offers", () => {
  it("reopens a closed account and closes any other, a compromised one included", () => {
    expect(toggledStatus({ status: "closed" })).toBe("active");
    expect(toggledStatus({ status: "active" })).toBe("closed");
    expect(toggledStatus({ status: "compromised" })).toBe("closed");
  });

  it("closes only an open request, and takes in hand only a report nobody has", () => {
    expect(canCloseRequest({ closedAt: null })).toBe(true);
    expect(canCloseRequest({ closedAt: new Date() })).toBe(false);
    expect(canAcknowledgeReport({ acknowledgedAt: null })).toBe(true);
    expect(canAcknowledgeReport({ acknowledgedAt: new Date() })).toBe(false);
  });
});
