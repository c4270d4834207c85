import { eq, inArray } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { approvalPolicies } from "../../db/schema/index.ts";
import { type Actor, type Role, roles } from "../../platform/actor.ts";
import { recordAudit } from "../../platform/audit.ts";
import type { ActionContext } from "../../platform/context.ts";
import { unitAndAncestors } from "../org/index.ts";
import { cleanTags } from "./content.ts";
import { publishingErrors } from "./errors.ts";

export interface ApprovalPolicy {
  approverRoles: Role[];
  /** Posts carrying one of these tags need a second approval, by another person. */
  sensitiveTags: string[];
  secondApproverRoles: Role[];
  /** The unit whose rules these are (the post's own, or the nearest above that has rules); null: defaults. */
  definedAt: { id: string; name: string } | null;
}

/** Without rules of its own or above, a unit's approvers are its approvers and administrators. */
export const defaultPolicy: Omit<ApprovalPolicy, "definedAt"> = {
  approverRoles: ["approver", "administrator"],
  sensitiveTags: [],
  secondApproverRoles: ["administrator"],
};

function asRoles(values: readonly string[]): Role[] {
  return values.filter((value): value is Role => (roles as readonly string[]).includes(value));
}

/** The rules that apply to a unit: its own, else the nearest ancestor's, else the defaults. */
export async function approvalPolicyFor(db: Executor, unitId: string): Promise<ApprovalPolicy> {
  const chain = await unitAndAncestors(db, unitId);
  if (chain.length === 0) {
    return { ...defaultPolicy, definedAt: null };
  }
  const rows = await db
    .select()
    .from(approvalPolicies)
    .where(
      inArray(
        approvalPolicies.unitId,
        chain.map((unit) => unit.id),
      ),
    );
  for (const unit of chain) {
    const row = rows.find((candidate) => candidate.unitId === unit.id);
    if (row) {
      return {
        approverRoles: asRoles(row.approverRoles),
        sensitiveTags: row.sensitiveTags,
        secondApproverRoles: asRoles(row.secondApproverRoles),
        definedAt: { id: unit.id, name: unit.name },
      };
    }
  }
  return { ...defaultPolicy, definedAt: null };
}

export { approvalsNeeded, holdsRoleOn } from "./policy.ts";

/** Sets a unit's own approval rules (which roles approve, which tags need a second approval). */
export async function setApprovalPolicy(
  ctx: ActionContext & { actor: Actor },
  unit: { id: string; path: string },
  input: { approverRoles: Role[]; sensitiveTags: string[]; secondApproverRoles: Role[] },
) {
  if (input.approverRoles.length === 0) {
    throw publishingErrors.policyWithoutApprover();
  }
  const values = {
    approverRoles: input.approverRoles,
    sensitiveTags: cleanTags(input.sensitiveTags),
    secondApproverRoles:
      input.secondApproverRoles.length > 0 ? input.secondApproverRoles : input.approverRoles,
    updatedBy: ctx.actor.personId,
    updatedAt: new Date(),
  };
  await ctx.db.transaction(async (tx) => {
    await tx
      .insert(approvalPolicies)
      .values({ unitId: unit.id, ...values })
      .onConflictDoUpdate({ target: approvalPolicies.unitId, set: values });
    await recordAudit(tx, {
      actor: ctx.actor,
      action: "publishing.policy",
      unit,
      target: { type: "unit", id: unit.id },
      ip: ctx.ip,
      details: { ...values, updatedAt: undefined, updatedBy: undefined },
    });
  });
  return approvalPolicyFor(ctx.db, unit.id);
}

/** Drops a unit's own rules, so it follows the unit above again. */
export async function clearApprovalPolicy(
  ctx: ActionContext & { actor: Actor },
  unit: { id: string; path: string },
) {
  await ctx.db.transaction(async (tx) => {
    await tx.delete(approvalPolicies).where(eq(approvalPolicies.unitId, unit.id));
    await recordAudit(tx, {
      actor: ctx.actor,
      action: "publishing.policy_cleared",
      unit,
      target: { type: "unit", id: unit.id },
      ip: ctx.ip,
    });
  });
  return approvalPolicyFor(ctx.db, unit.id);
}
