import { describe, expect, it } from "vitest";
import type { Role } from "../../backend/types.ts";
import { homeOf, serverPageAddress } from "./home-route.ts";

const holding = (...roles: Role[]) => ({
  grants: roles.map((role) => ({ role, unitId: "u", unitPath: "root" })),
});

describe("each person's home", () => {
  it("sends each role to its daily work", () => {
    expect(homeOf(holding("member"))).toEqual({ to: "/share", serverPage: true });
    expect(homeOf(holding("editor"))).toEqual({ to: "/desk", serverPage: false });
    expect(homeOf(holding("approver"))).toEqual({ to: "/approvals", serverPage: false });
    expect(homeOf(holding("administrator"))).toEqual({ to: "/overview", serverPage: false });
    expect(homeOf(holding("declaration_reviewer")).to).toBe("/declarations");
    expect(homeOf(holding("duty_officer")).to).toBe("/inbox");
    expect(homeOf(holding("checker"))).toEqual({ to: "/verification", serverPage: false });
    expect(homeOf(holding("jury")).to).toBe("/share");
    expect(homeOf(holding()).to).toBe("/share");
  });

  it("picks the most specific work for a person with several roles", () => {
    expect(homeOf(holding("member", "editor", "approver")).to).toBe("/approvals");
    expect(homeOf(holding("administrator", "editor")).to).toBe("/desk");
    expect(homeOf(holding("member", "administrator")).to).toBe("/overview");
    expect(homeOf(holding("editor", "duty_officer")).to).toBe("/desk");
    expect(homeOf(holding("administrator", "duty_officer")).to).toBe("/inbox");
    // The verification desk's queue before the editor's desk and the administrator's overview; an
    // approver's queue before it.
    expect(homeOf(holding("editor", "checker")).to).toBe("/verification");
    expect(homeOf(holding("administrator", "checker")).to).toBe("/verification");
    expect(homeOf(holding("checker", "duty_officer")).to).toBe("/verification");
    expect(homeOf(holding("checker", "approver")).to).toBe("/approvals");
  });
});

describe("a server-rendered page opened from the app", () => {
  it("carries the language chosen in the app, which the server cannot see", () => {
    expect(serverPageAddress("/share", "en")).toBe("/share?lang=en");
    expect(serverPageAddress("/share?page=2", "vi")).toBe("/share?page=2&lang=vi");
    expect(serverPageAddress("/share", null)).toBe("/share");
  });
});
