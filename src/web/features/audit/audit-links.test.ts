import { describe, expect, it } from "vitest";
import { auditLinkOf } from "./audit-links.ts";

const id = "0b5c3f3e-6a39-4a58-9a1e-2f1f5d1c0a11";
const subject = (type: string, extra: { name?: string | null; linkId?: string } = {}) => ({
  type,
  id,
  name: extra.name ?? null,
  linkId: extra.linkId ?? id,
  kind: null,
});
const to = (type: string, extra?: { name?: string | null; linkId?: string }, details = {}) =>
  auditLinkOf(subject(type, extra), details)?.to ?? null;

describe("where each object of the audit log opens", () => {
  it("opens a record on its own page", () => {
    expect(to("unit")).toBe(`/units/${id}`);
    expect(to("channel")).toBe(`/channels/${id}`);
    expect(to("post")).toBe(`/posts/${id}`);
    // A variant opens its post (the server gives the post's id as linkId).
    expect(to("variant", { linkId: "post-1" })).toBe("/posts/post-1");
    expect(to("share_kit")).toBe(`/share-kits/${id}`);
    expect(to("campaign")).toBe(`/campaigns/${id}`);
    expect(to("declaration_request")).toBe(`/declarations/requests/${id}`);
    expect(to("inbox_conversation")).toBe(`/inbox/c/${id}`);
    expect(to("verification_case")).toBe(`/verification/cases/${id}`);
  });

  it("opens a person in the people list searched by their name", () => {
    expect(to("person", { name: "Nông Thị Bảo Ngọc" })).toBe(
      `/people?q=${encodeURIComponent("Nông Thị Bảo Ngọc")}`,
    );
    expect(to("person", { name: null })).toBeNull();
  });

  it("opens a list where a record has no page of its own", () => {
    expect(to("media")).toBe("/media");
    expect(to("account_report")).toBe("/declarations/alerts");
    expect(to("declaration")).toBe("/declarations");
    expect(to("inbox_canned_reply")).toBe("/inbox/settings");
    expect(to("inbox_office")).toBe("/inbox/settings");
    expect(auditLinkOf(subject("unit"), null, "inbox.settings.update")?.to).toBe("/inbox/settings");
    expect(to("duty_shift")).toBe("/inbox/roster");
    expect(to("duty_slot")).toBe("/inbox/roster");
    expect(to("impersonation_candidate")).toBe("/verification/impersonation");
    // A published answer opens the conversation it answers, when there is one.
    expect(to("inbox_published_answer", {}, { conversationId: "c-1" })).toBe("/inbox/c/c-1");
    expect(to("inbox_published_answer")).toBeNull();
  });

  it("names the permission the page needs, and leaves objects with no page as text", () => {
    expect(auditLinkOf(subject("declaration"), null)?.permission).toBe("declarations.view");
    expect(auditLinkOf(subject("person", { name: "A" }), null)?.permission).toBe("people.read");
    expect(to("inbox_contact")).toBeNull();
    expect(to("api_token")).toBeNull();
    expect(to("something_new")).toBeNull();
  });
});
