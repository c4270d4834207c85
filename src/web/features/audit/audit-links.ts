import type { AuditEvent, Permission } from "../../backend/types.ts";

/** Where an event's object opens, and what the reader needs to open it. */
export interface AuditLink {
  to: string;
  permission: Permission;
  /**
   * For a sentence that does not name its object ("… đã mở một cuộc hội thoại"), the words of a link
   * after it, which say where it leads.
   */
  words: { vi: string; en: string };
}

type Subject = NonNullable<AuditEvent["subject"]>;

const see = (vi: string, en: string) => ({ vi: `Xem ${vi}`, en: `Open ${en}` });

/**
 * The page of each kind of object the audit log records (src/server: every `target: { type }` given to
 * `recordAudit`), by its type; types with no page of their own (a citizen's erased contact, someone's
 * API token) are not links. A person opens the people list searched by their name, which shows them.
 */
export function auditLinkOf(
  subject: Subject,
  details: Record<string, unknown> | null,
  action = "",
): AuditLink | null {
  const id = encodeURIComponent(subject.linkId);
  // The inbox's settings are recorded on their unit, but are changed (and read) on the settings page.
  if (action === "inbox.settings.update") {
    return {
      to: "/inbox/settings",
      permission: "inbox.manage",
      words: see("cài đặt hộp thư", "inbox settings"),
    };
  }
  switch (subject.type) {
    case "post":
    case "variant":
      return { to: `/posts/${id}`, permission: "posts.read", words: see("bài viết", "the post") };
    case "unit":
      return { to: `/units/${id}`, permission: "units.read", words: see("đơn vị", "the unit") };
    case "channel":
      return { to: `/channels/${id}`, permission: "units.read", words: see("kênh", "the channel") };
    case "person":
      return subject.name
        ? {
            to: `/people?q=${encodeURIComponent(subject.name)}`,
            permission: "people.read",
            words: see("nhân sự", "the person"),
          }
        : null;
    case "media":
      return {
        to: "/media",
        permission: "units.read",
        words: see("thư viện ảnh, video", "the media library"),
      };
    case "share_kit":
      return {
        to: `/share-kits/${id}`,
        permission: "advocacy.manage",
        words: see("bộ tin", "the share kit"),
      };
    case "campaign":
      return {
        to: `/campaigns/${id}`,
        permission: "advocacy.manage",
        words: see("chiến dịch", "the campaign"),
      };
    case "declaration_request":
      return {
        to: `/declarations/requests/${id}`,
        permission: "declarations.manage",
        words: see("yêu cầu rà soát kê khai", "the declaration request"),
      };
    case "account_report":
      return {
        to: "/declarations/alerts",
        permission: "declarations.manage",
        words: see("cảnh báo tài khoản", "the account alerts"),
      };
    case "declaration":
      return {
        to: "/declarations",
        permission: "declarations.view",
        words: see("kê khai tài khoản mạng xã hội", "the declarations"),
      };
    case "inbox_conversation":
      return {
        to: `/inbox/c/${id}`,
        permission: "inbox.read",
        words: see("cuộc hội thoại", "the conversation"),
      };
    case "inbox_published_answer": {
      // The answer is the conversation's: it opens there (an answer published without one has no page).
      const conversationId = details?.conversationId;
      return typeof conversationId === "string"
        ? {
            to: `/inbox/c/${encodeURIComponent(conversationId)}`,
            permission: "inbox.read",
            words: see("cuộc hội thoại", "the conversation"),
          }
        : null;
    }
    case "inbox_canned_reply":
    case "inbox_office":
      return {
        to: "/inbox/settings",
        permission: "inbox.manage",
        words: see("cài đặt hộp thư", "inbox settings"),
      };
    case "duty_shift":
    case "duty_slot":
      return { to: "/inbox/roster", permission: "inbox.read", words: see("lịch trực", "the duty roster") };
    case "verification_case":
      return {
        to: `/verification/cases/${id}`,
        permission: "cases.read",
        words: see("hồ sơ xác minh", "the case"),
      };
    case "impersonation_candidate":
      return {
        to: "/verification/impersonation",
        permission: "cases.read",
        words: see("danh sách trang giả mạo", "the impersonating pages"),
      };
    default:
      return null;
  }
}
