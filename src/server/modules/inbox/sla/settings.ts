import { eq } from "drizzle-orm";
import type { Executor } from "../../../db/client.ts";
import { inboxSettings } from "../../../db/schema/inbox.ts";
import { recordAudit } from "../../../platform/audit.ts";
import type { ActionContext } from "../../../platform/context.ts";
import { requireUnitSummary } from "../../org/index.ts";
import { nextDutyStartOf } from "../roster/clock.ts";
import { targetErrors } from "./errors.ts";

/*
 * A unit's inbox settings: response targets (counted in duty minutes), the warning before a breach,
 * retention and the auto-reply outside shifts. A unit without a row has the defaults below (the
 * table's own defaults): nobody has to save the settings page before targets run.
 */

export interface TargetSettings {
  unitId: string;
  firstResponseMinutes: number;
  resolutionHours: number;
  warnBeforeMinutes: number;
  retentionMonths: number;
  autoReplyEnabled: boolean;
  autoReplyText: string | null;
}

export const defaultTargets = {
  firstResponseMinutes: 60,
  resolutionHours: 8,
  warnBeforeMinutes: 15,
  retentionMonths: 24,
  autoReplyEnabled: true,
  autoReplyText: null,
} as const;

/** The unit's settings, or the defaults when it never saved any. */
export async function targetSettingsOf(db: Executor, unitId: string): Promise<TargetSettings> {
  const [row] = await db
    .select({
      firstResponseMinutes: inboxSettings.firstResponseMinutes,
      resolutionHours: inboxSettings.resolutionHours,
      warnBeforeMinutes: inboxSettings.warnBeforeMinutes,
      retentionMonths: inboxSettings.retentionMonths,
      autoReplyEnabled: inboxSettings.autoReplyEnabled,
      autoReplyText: inboxSettings.autoReplyText,
    })
    .from(inboxSettings)
    .where(eq(inboxSettings.unitId, unitId));
  return { unitId, ...(row ?? defaultTargets) };
}

const weekdays = ["Chủ nhật", "thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy"];
const vietnamOffsetMs = 7 * 3600_000;

/** "07:00 thứ Hai, 07/12/2026": when the office is back, as the citizen reads it (Vietnam time). */
export function openingTimeWords(at: Date): string {
  const local = new Date(at.getTime() + vietnamOffsetMs);
  const iso = local.toISOString();
  const [year, month, day] = iso.slice(0, 10).split("-");
  return `${iso.slice(11, 16)} ${weekdays[local.getUTCDay()]}, ${day}/${month}/${year}`;
}

export const defaultAutoReplyText =
  "{don_vi} đã nhận được tin nhắn của Quý ông/bà. Hiện ngoài giờ trực; cán bộ trực sẽ trả lời từ {gio_mo_cua}. Trân trọng cảm ơn.";

/** What `{gio_mo_cua}` says when no shift is planned within the clock's 60 days. */
const noPlannedShift = "giờ làm việc tiếp theo";

const knownVariables = new Set(["{gio_mo_cua}", "{don_vi}"]);

/** Refuses words that name a variable nobody fills (it would reach the citizen as typed). */
export function checkAutoReplyText(text: string | null): void {
  for (const match of text?.matchAll(/\{[^{}\s]{1,40}\}/g) ?? []) {
    if (!knownVariables.has(match[0])) {
      throw targetErrors.autoReplyUnknownVariable({ variable: match[0] });
    }
  }
}

/** The auto-reply as it would be sent at `at`: the unit's words (or the default) with the variables filled. */
export async function autoReplyWords(
  db: Executor,
  settings: Pick<TargetSettings, "unitId" | "autoReplyText">,
  at: Date,
): Promise<string> {
  const [unit, next] = await Promise.all([
    requireUnitSummary(db, settings.unitId),
    nextDutyStartOf(db, settings.unitId, at),
  ]);
  return (settings.autoReplyText ?? defaultAutoReplyText)
    .replaceAll("{gio_mo_cua}", next ? openingTimeWords(next) : noPlannedShift)
    .replaceAll("{don_vi}", unit.name);
}

export type TargetSettingsInput = Omit<TargetSettings, "unitId"> & { unitId: string };

/** Saves the unit's settings (audited); targets already armed keep their due times. */
export async function saveTargetSettings(
  ctx: ActionContext,
  unit: { id: string; path: string },
  input: TargetSettingsInput,
): Promise<TargetSettings> {
  if (input.warnBeforeMinutes >= input.firstResponseMinutes) {
    throw targetErrors.warnNotBeforeTarget({ firstResponseMinutes: input.firstResponseMinutes });
  }
  const autoReplyText = input.autoReplyText?.trim() ? input.autoReplyText.trim() : null;
  checkAutoReplyText(autoReplyText);
  const values = {
    firstResponseMinutes: input.firstResponseMinutes,
    resolutionHours: input.resolutionHours,
    warnBeforeMinutes: input.warnBeforeMinutes,
    retentionMonths: input.retentionMonths,
    autoReplyEnabled: input.autoReplyEnabled,
    autoReplyText,
  };
  return ctx.db.transaction(async (tx) => {
    const before = await targetSettingsOf(tx, unit.id);
    const changed = { ...values, updatedBy: ctx.actor?.personId ?? null, updatedAt: new Date() };
    await tx
      .insert(inboxSettings)
      .values({ unitId: unit.id, ...changed })
      .onConflictDoUpdate({ target: inboxSettings.unitId, set: changed });
    await recordAudit(tx, {
      actor: ctx.actor,
      action: "inbox.settings.update",
      unit,
      target: { type: "unit", id: unit.id },
      ip: ctx.ip,
      details: { before: { ...before, unitId: undefined }, after: values },
    });
    return { unitId: unit.id, ...values };
  });
}
