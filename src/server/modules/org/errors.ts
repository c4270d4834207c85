import { defineErrors } from "../../platform/errors.ts";

/** The org module's failures, each worded once. */
export const orgErrors = defineErrors({
  /** Work cannot go into, or be changed in, a unit that was merged or dissolved. */
  unitNotActive: {
    status: 409,
    code: "unit.not_active",
    vi: ({ name, refusal }: { name: string; refusal?: { vi: string; en: string } }) =>
      `Đơn vị “${name}” đã sáp nhập hoặc giải thể${refusal ? `; ${refusal.vi}` : "."}`,
    en: ({ name, refusal }: { name: string; refusal?: { vi: string; en: string } }) =>
      `Unit “${name}” has been merged or dissolved${refusal ? `; ${refusal.en}` : "."}`,
  },
});
