import type { Executor } from "../../../db/client.ts";
import { recordAudit } from "../../../platform/audit.ts";
import type { ActionContext } from "../../../platform/context.ts";
import { unitPath } from "../../org/index.ts";

/** Records one roster change against the unit it concerns; call it inside the change's transaction. */
export async function auditRoster(
  ctx: ActionContext,
  tx: Executor,
  entry: {
    action: string;
    unitId: string;
    target?: { type: string; id: string };
    details?: Record<string, unknown>;
  },
): Promise<void> {
  const path = await unitPath(tx, entry.unitId);
  await recordAudit(tx, {
    actor: ctx.actor,
    action: entry.action,
    unit: path ? { id: entry.unitId, path } : null,
    target: entry.target ?? null,
    ip: ctx.ip,
    details: entry.details,
  });
}
