import { and, eq } from "drizzle-orm";
import { type CaseCategory, caseCategoryValues } from "../../../../shared/api/verification-values.ts";
import type { Executor } from "../../../db/client.ts";
import { verificationChecklists } from "../../../db/schema/verification.ts";
import { can } from "../../../platform/actor.ts";
import { recordAudit } from "../../../platform/audit.ts";
import type { ActionContext } from "../../../platform/context.ts";
import { errors } from "../../../platform/errors.ts";
import { requireUnitSummary } from "../../org/index.ts";

export interface ChecklistItem {
  key: string;
  text: string;
}

const items = (...texts: string[]): ChecklistItem[] =>
  texts.map((text, index) => ({ key: `b${index + 1}`, text }));

/** What a unit's checkers follow until the unit writes its own list (the usual steps of the desk's work). */
export const defaultChecklists: Record<CaseCategory, ChecklistItem[]> = {
  scam: items(
    "Đối chiếu số điện thoại, tài khoản ngân hàng với cơ quan chức năng và danh sách đã cảnh báo",
    "Kiểm tra tên miền, trang mạng có mạo danh cơ quan, tổ chức không",
    "Xác minh với đơn vị bị nêu tên (nếu có) qua kênh chính thức",
    "Lưu bản chụp, địa chỉ trang làm bằng chứng",
  ),
  health: items(
    "Đối chiếu với thông báo của Bộ Y tế, Sở Y tế, Trung tâm Kiểm soát bệnh tật",
    "Hỏi ý kiến cơ sở y tế hoặc chuyên gia có thẩm quyền",
    "Kiểm tra ảnh, video có bị cắt ghép hoặc đưa từ sự việc cũ không",
    "Lưu nguồn chính thức làm bằng chứng",
  ),
  disaster: items(
    "Đối chiếu với bản tin của cơ quan khí tượng thủy văn, Ban Chỉ huy phòng chống thiên tai",
    "Liên hệ chính quyền cơ sở tại nơi được nêu",
    "Kiểm tra thời gian, địa điểm của ảnh, video",
    "Lưu nguồn chính thức làm bằng chứng",
  ),
  public_order: items(
    "Xác minh với Công an cấp xã hoặc cơ quan có thẩm quyền",
    "Kiểm tra thời gian, địa điểm của ảnh, video",
    "Không nêu thông tin cá nhân của người liên quan",
    "Lưu nguồn chính thức làm bằng chứng",
  ),
  impersonation: items(
    "Đối chiếu với sổ đăng ký kênh chính thức của đơn vị",
    "Kiểm tra tên, ảnh đại diện, địa chỉ trang có gần giống kênh chính thức không",
    "Lưu bản chụp trang giả mạo",
    "Chuẩn bị hồ sơ báo cáo gửi nền tảng",
  ),
  other: items(
    "Tìm nguồn gốc đầu tiên của thông tin",
    "Đối chiếu với nguồn chính thức, có thẩm quyền",
    "Lưu nguồn làm bằng chứng",
  ),
};

/** The unit's list for a category, else the desk's default; a category not yet chosen uses "other". */
export async function checklistFor(
  db: Executor,
  unitId: string,
  category: CaseCategory | null,
): Promise<ChecklistItem[]> {
  const wanted = category ?? "other";
  const [row] = await db
    .select({ items: verificationChecklists.items })
    .from(verificationChecklists)
    .where(and(eq(verificationChecklists.unitId, unitId), eq(verificationChecklists.category, wanted)));
  return row?.items ?? defaultChecklists[wanted];
}

async function requireManagedUnit(db: Executor, actor: ActionContext["actor"], unitId: string) {
  const unit = await requireUnitSummary(db, unitId);
  if (!actor || !can(actor, "cases.manage", unit.path)) {
    throw errors.forbidden();
  }
  return unit;
}

export async function unitChecklists(db: Executor, actor: ActionContext["actor"], unitId: string) {
  const unit = await requireManagedUnit(db, actor, unitId);
  const rows = await db
    .select()
    .from(verificationChecklists)
    .where(eq(verificationChecklists.unitId, unitId));
  const own = new Map(rows.map((row) => [row.category, row.items]));
  return {
    unitId,
    unitName: unit.name,
    lists: caseCategoryValues.map((category) => {
      const edited = own.get(category);
      return { category, items: edited ?? defaultChecklists[category], isDefault: !edited };
    }),
  };
}

/**
 * Replaces the unit's lists for the categories given. Items keep their key when sent with one, so
 * ticks on open cases stay on the same step when its wording is corrected; new items get a fresh key.
 */
export async function saveChecklists(
  ctx: ActionContext,
  unitId: string,
  lists: { category: CaseCategory; items: { key?: string; text: string }[] }[],
) {
  const unit = await requireManagedUnit(ctx.db, ctx.actor, unitId);
  await ctx.db.transaction(async (tx) => {
    for (const list of lists) {
      const used = new Set(list.items.flatMap((item) => (item.key ? [item.key] : [])));
      let next = 1;
      const keyed = list.items.map((item) => {
        if (item.key) {
          return { key: item.key, text: item.text };
        }
        while (used.has(`m${next}`)) {
          next += 1;
        }
        used.add(`m${next}`);
        return { key: `m${next}`, text: item.text };
      });
      const unique = [...new Map(keyed.map((item) => [item.key, item])).values()];
      await tx
        .insert(verificationChecklists)
        .values({ unitId, category: list.category, items: unique, updatedBy: ctx.actor?.personId ?? null })
        .onConflictDoUpdate({
          target: [verificationChecklists.unitId, verificationChecklists.category],
          set: { items: unique, updatedBy: ctx.actor?.personId ?? null, updatedAt: new Date() },
        });
    }
    await recordAudit(tx, {
      actor: ctx.actor,
      action: "verification.checklists_update",
      unit: { id: unit.id, path: unit.path },
      target: { type: "unit", id: unit.id },
      ip: ctx.ip,
      details: { categories: lists.map((list) => list.category) },
    });
  });
  return unitChecklists(ctx.db, ctx.actor, unitId);
}
