import type { AuditAction } from "../../../shared/audit-actions.ts";
import { enWording } from "./audit-wording-en.ts";
import { viWording } from "./audit-wording-vi.ts";

export { enWording, viWording };

/**
 * How the audit page words each action kind: a short label for the filter and a sentence for the row.
 * Typed over every kind the server records (src/shared/audit-actions.ts), so a new kind without
 * words does not compile. In a sentence, {actor} is who acted, {subject} the object (a link where it has
 * a page), {kind} its platform, {unit} the event's unit, and {count}, {created}, {role} come from the details.
 * `alone` is the sentence when the event has no object (a list read rather than one person's).
 */
export interface Wording {
  label: string;
  sentence: string;
  alone?: string;
}

export type Words = Record<AuditAction, Wording>;

/** The filter's groups, by the first part of the action kind. */
export const actionGroups: Record<string, { vi: string; en: string }> = {
  auth: { vi: "Đăng nhập và tài khoản", en: "Sign-in and accounts" },
  settings: { vi: "Cài đặt", en: "Settings" },
  unit: { vi: "Đơn vị", en: "Units" },
  role: { vi: "Vai trò", en: "Roles" },
  person: { vi: "Nhân sự", en: "People" },
  channel: { vi: "Kênh chính thức", en: "Official channels" },
  media: { vi: "Thư viện ảnh và video", en: "Media library" },
  publishing: { vi: "Bài viết", en: "Posts" },
  advocacy: { vi: "Bộ tin chia sẻ và chiến dịch", en: "Share kits and campaigns" },
  declarations: { vi: "Kê khai tài khoản mạng xã hội", en: "Social account declarations" },
};

/** The words of an action kind in the page's language; a kind this version does not know shows its code. */
export function wordingOf(action: string, language: string): Wording {
  const words = language.startsWith("en") ? enWording : viWording;
  return (words as Record<string, Wording>)[action] ?? { label: action, sentence: `{actor}: ${action}` };
}

/** The English nouns the sentences count, in the plural they are written in, and their singular. */
const englishSingulars: Record<string, string> = {
  people: "person",
  "official channels": "official channel",
  "declared accounts": "declared account",
};

/**
 * The sentence with a count of one read as English says it ("1 person", not "1 people"); Vietnamese
 * nouns do not change with the number.
 */
export function withCounts(template: string, counts: Record<string, number>, language: string): string {
  if (!language.startsWith("en")) {
    return template;
  }
  return template.replace(/\{(\w+)\} ((?:official |declared )?\w+)/g, (whole, name: string, noun: string) => {
    const singular = englishSingulars[noun];
    return counts[name] === 1 && singular ? `{${name}} ${singular}` : whole;
  });
}
