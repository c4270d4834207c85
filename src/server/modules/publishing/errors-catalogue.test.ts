import { describe, expect, it } from "vitest";
import { buildErrors } from "../../../../test/helpers/error-catalogue.ts";
import type { AppError } from "../../platform/errors.ts";
import { publishingErrors } from "./errors.ts";

/*
 * The publishing module's error catalogue, checked as the reader sees it: every failure is built with
 * sample values so parameterised messages are read in full.
 */

const throwers: Record<string, (...args: never[]) => AppError> = publishingErrors;

const zaloCoverMissing = {
  field: "media",
  code: "limits.cover_required",
  vi: "Zalo OA cần ảnh bìa.",
  en: "Zalo OA needs a cover photo.",
} as const;

/** Values for the messages that name something; a new parameterised failure needs its samples here. */
const samples: Record<string, readonly object[]> = {
  limits: [
    { problems: [zaloCoverMissing] },
    {
      problems: [
        zaloCoverMissing,
        {
          field: "title",
          code: "limits.title_required",
          vi: "Zalo OA cần tiêu đề.",
          en: "Zalo OA needs a title.",
        },
      ],
    },
  ],
  wrongStatus: ["submit", "approve", "reject", "unschedule", "edit", "move"].map((action) => ({ action })),
  notAnApprover: [{ level: 1 }, { level: 2 }],
  notApproved: [{ action: "schedule" }, { action: "record_published" }],
  channelNotPublishable: ["facebook_group", "zalo_group", "other"].map((platform) => ({
    name: "Thông tin Tuyên Quang",
    platform,
  })),
  channelNotActive: [{ name: "Thông tin Tuyên Quang" }],
  channelElsewhere: [{ name: "Thông tin Tuyên Quang" }],
  variantExists: [{ name: "Thông tin Tuyên Quang" }],
  connectionPermissionsMissing: [
    {
      missing: [
        { scope: "pages_manage_posts", vi: "đăng bài lên Trang", en: "publishing to the Page" },
        { scope: "pages_read_engagement", vi: "đọc bài của Trang", en: "reading the Page's posts" },
      ],
    },
  ],
  connectionAccountIdRequired: [{ connector: "facebook_page" }, { connector: "youtube" }],
  connectFlowNotConfigured: [
    { platform: "facebook_page", settings: ["FACEBOOK_APP_ID", "FACEBOOK_APP_SECRET"] },
    { platform: "zalo_oa", settings: ["ZALO_APP_SECRET_KEY"] },
  ],
  channelNotConnected: ["not_connected", "expired", "refused"].map((state) => ({ state })),
};

/** Facebook's permission names, which the reader needs in order to issue the token again. */
const facebookPermissions = /\bpages_[a-z_]+\b/g;

const buildAll = () => buildErrors(throwers, samples);

describe("error catalogue of publishing", () => {
  const built = buildAll();

  it("gives each failure its own code", () => {
    const codeOf = new Map<string, string>();
    for (const { name, error } of built) {
      const thrower = codeOf.get(error.code);
      expect(thrower === undefined || thrower === name, `${error.code}: ${thrower} and ${name}`).toBe(true);
      codeOf.set(error.code, name);
    }
    expect(codeOf.size).toBe(Object.keys(throwers).length);
  });

  it("words every failure in both languages, with the sample values filled in", () => {
    for (const { name, error } of built) {
      for (const message of [error.messages.vi, error.messages.en]) {
        expect(message.trim(), name).not.toBe("");
        expect(message, name).not.toMatch(/undefined|NaN|\[object /);
      }
      expect(error.messages.vi, name).not.toBe(error.messages.en);
    }
  });

  it("words each refused step of a variant differently", () => {
    const wordings = built.filter(({ name }) => name === "wrongStatus").map(({ error }) => error.messages.vi);
    expect(new Set(wordings).size).toBe(samples.wrongStatus?.length);
  });

  it('asks with "Vui lòng", never "Hãy" or "Xin hãy"', () => {
    for (const { name, error } of built) {
      expect(error.messages.vi, name).not.toMatch(/(^|[^\p{L}])hãy(?!\p{L})/iu);
    }
  });

  it('says "phải sau thời điểm hiện tại", not "ở tương lai"', () => {
    for (const { name, error } of built) {
      expect(error.messages.vi, name).not.toMatch(/tương lai/iu);
    }
  });

  it('calls a variant "bản đăng", never "phiên bản" (a saved revision)', () => {
    for (const { name, error } of built) {
      expect(error.messages.vi, name).not.toMatch(/phiên bản/iu);
    }
  });

  it("shows the reader no raw code: platforms are named as people say them", () => {
    for (const { name, error } of built) {
      for (const message of [error.messages.vi, error.messages.en]) {
        const read = message.replace(facebookPermissions, "");
        expect(read, name).not.toMatch(/\b[a-z]+_[a-z_]+\b/);
        expect(read, name).not.toContain(error.code);
      }
    }
    const unpublishable = built.filter(({ name }) => name === "channelNotPublishable");
    expect(unpublishable.map(({ error }) => error.messages.vi)).toContain(
      "Cầu Nối chưa hỗ trợ đăng bài lên kênh “Thông tin Tuyên Quang” (Nhóm Facebook).",
    );
  });

  it("keeps the status each failure has always had", () => {
    const statusOf = Object.fromEntries(built.map(({ error }) => [error.code, error.status]));
    expect(statusOf).toEqual({
      "publishing.limits": 422,
      "publishing.wrong_status": 409,
      "publishing.self_approval": 409,
      "publishing.already_approved": 409,
      "publishing.not_an_approver": 403,
      "publishing.reason_required": 400,
      "publishing.time_in_past": 400,
      "publishing.not_approved": 409,
      "publishing.approval_missing": 409,
      "publishing.channel_not_connected": 409,
      "publishing.external_url_invalid": 400,
      "publishing.link_url_invalid": 400,
      "publishing.channel_not_publishable": 400,
      "publishing.channel_not_active": 409,
      "publishing.channel_elsewhere": 400,
      "publishing.variant_exists": 409,
      "publishing.media_missing": 400,
      "publishing.media_out_of_scope": 403,
      "publishing.policy_no_approver": 400,
      "stories.media_not_yours": 400,
      "connection.unsupported_platform": 400,
      "connection.permissions_missing": 400,
      "connection.token_wrong_page": 400,
      "connection.check_unavailable": 503,
      "connection.token_refused": 400,
      "connection.renewal_not_supported": 400,
      "connection.account_id_required": 400,
      "connection.token_required": 400,
      "connection.flow_not_configured": 503,
      "connection.flow_unsupported": 400,
      "connection.flow_state_unknown": 400,
      "connection.flow_state_expired": 400,
      "connection.flow_state_used": 409,
      "connection.flow_not_yours": 403,
      "connection.flow_forbidden": 403,
      "connection.flow_page_not_granted": 400,
      "connection.flow_no_pages": 400,
      "connection.flow_wrong_oa": 400,
      "connection.flow_refused": 400,
      "connection.flow_unreachable": 503,
    });
  });

  it("carries the details it is given, unchanged", () => {
    const error = publishingErrors.limits({ problems: [zaloCoverMissing] }, [zaloCoverMissing]);
    expect(error.details).toEqual([zaloCoverMissing]);
    expect(publishingErrors.mediaOutOfScope({ ids: ["a"] }).details).toEqual({ ids: ["a"] });
  });
});
