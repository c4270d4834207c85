import { eq } from "drizzle-orm";
import { foldForSearch } from "../../../shared/vietnamese-text.ts";
import { people, units } from "../../db/schema/index.ts";
import { invalidateActorCache } from "../../http/actor-cache.ts";
import { recordAudit } from "../../platform/audit.ts";
import type { ActionContext } from "../../platform/context.ts";
import { errors } from "../../platform/errors.ts";
import { type PersonView, personLabel, readPerson } from "./people-queries.ts";
import {
  assertEmailFree,
  assertMayChangeWholePerson,
  type PendingEmailChange,
  requestEmailChange,
} from "./person-changes.ts";
import { type CleanPersonFields, type PersonFields, requireCleanPersonFields } from "./person-fields.ts";
import { unitLabel } from "./unit-queries.ts";

/*
 * Changing people: adding one, editing one (moving between units included), deactivating. Reading
 * people (people-queries.ts), checking their fields (person-fields.ts) and their roles (role-grants.ts)
 * have files of their own, re-exported here for the callers that import them from this file.
 */

export {
  auditPeopleList,
  type ListPeopleOptions,
  listPeople,
  type PersonView,
  readPeoplePage,
  readPersonAudited,
  unitOfPerson,
} from "./people-queries.ts";
export {
  type CleanPersonFields,
  cleanPersonFields,
  type FieldProblem,
  type PersonFields,
} from "./person-fields.ts";
export { grantRole, listGrants, revokeRole, unitOfGrant } from "./role-grants.ts";

/** Creates a person in a unit. */
export async function createPerson(
  ctx: ActionContext,
  input: PersonFields & { unitId: string },
): Promise<PersonView> {
  const value = requireCleanPersonFields(input);
  return ctx.db.transaction(async (tx) => {
    const [unit] = await tx.select().from(units).where(eq(units.id, input.unitId));
    if (unit?.status !== "active") {
      throw errors.notFound(unitLabel);
    }
    await assertEmailFree(tx, value.email);
    const [person] = await tx
      .insert(people)
      .values({
        ...value,
        unitId: unit.id,
        searchKey: foldForSearch(`${value.fullName} ${value.email ?? ""} ${value.phone ?? ""}`),
      })
      .returning({ id: people.id });
    if (!person) {
      throw new Error("person insert returned nothing");
    }
    await recordAudit(tx, {
      actor: ctx.actor,
      action: "person.create",
      unit: { id: unit.id, path: unit.path },
      target: { type: "person", id: person.id },
      ip: ctx.ip,
    });
    return readPerson(tx, person.id);
  });
}

export interface PersonUpdate {
  person: PersonView;
  /** Set when an administrator changed the e-mail: the new address must confirm it (mail the token there). */
  emailChange: (PendingEmailChange & { oldEmail: string | null; fullName: string }) | null;
}

/**
 * Edits a person; moving them to another unit is an edit of `unitId`. A change of e-mail needs the
 * actor's rights over every unit where the person holds a role, and is only recorded as pending: it
 * takes effect when confirmed from the new address (removing an e-mail applies at once).
 */
export async function updatePerson(
  ctx: ActionContext,
  personId: string,
  input: Partial<PersonFields> & { unitId?: string },
): Promise<PersonUpdate> {
  const changed = await ctx.db.transaction(async (tx) => {
    const [current] = await tx.select().from(people).where(eq(people.id, personId));
    if (!current) {
      throw errors.notFound(personLabel);
    }
    const value = requireCleanPersonFields({
      fullName: input.fullName ?? current.fullName,
      email: input.email === undefined ? current.email : input.email,
      phone: input.phone === undefined ? current.phone : input.phone,
      position: input.position === undefined ? current.position : input.position,
    });
    let emailChange: PersonUpdate["emailChange"] = null;
    if (value.email !== current.email) {
      await assertMayChangeWholePerson(tx, ctx.actor, personId, "people.manage");
      if (value.email && ctx.actor) {
        const pending = await requestEmailChange(tx, { personId, newEmail: value.email, actor: ctx.actor });
        emailChange = { ...pending, oldEmail: current.email, fullName: value.fullName };
        value.email = current.email;
      }
    }
    await assertEmailFree(tx, value.email, personId);
    const unitId = input.unitId ?? current.unitId;
    const [unit] = await tx.select().from(units).where(eq(units.id, unitId));
    if (unit?.status !== "active") {
      throw errors.notFound(unitLabel);
    }
    await tx
      .update(people)
      .set({
        ...value,
        unitId,
        searchKey: foldForSearch(`${value.fullName} ${value.email ?? ""} ${value.phone ?? ""}`),
        updatedAt: new Date(),
      })
      .where(eq(people.id, personId));
    const changed = (Object.keys(value) as (keyof CleanPersonFields)[]).filter(
      (key) => value[key] !== current[key],
    );
    await recordAudit(tx, {
      actor: ctx.actor,
      action: "person.update",
      unit: { id: unit.id, path: unit.path },
      target: { type: "person", id: personId },
      ip: ctx.ip,
      details: { changed: unitId !== current.unitId ? [...changed, "unitId"] : changed },
    });
    if (emailChange) {
      await recordAudit(tx, {
        actor: ctx.actor,
        action: "person.email_change_requested",
        unit: { id: unit.id, path: unit.path },
        target: { type: "person", id: personId },
        ip: ctx.ip,
        details: { expiresAt: emailChange.expiresAt.toISOString() },
      });
    }
    return { person: await readPerson(tx, personId), emailChange };
  });
  invalidateActorCache(personId);
  return changed;
}

/** Deactivates (or reactivates) a person; a deactivated person cannot sign in. */
export async function setPersonStatus(
  ctx: ActionContext,
  personId: string,
  status: "active" | "inactive",
): Promise<PersonView> {
  const changed = await ctx.db.transaction(async (tx) => {
    await assertMayChangeWholePerson(tx, ctx.actor, personId, "people.manage");
    const [updated] = await tx
      .update(people)
      .set({ status, updatedAt: new Date() })
      .where(eq(people.id, personId))
      .returning({ unitId: people.unitId });
    if (!updated) {
      throw errors.notFound(personLabel);
    }
    const [unit] = await tx
      .select({ id: units.id, path: units.path })
      .from(units)
      .where(eq(units.id, updated.unitId));
    await recordAudit(tx, {
      actor: ctx.actor,
      action: status === "inactive" ? "person.deactivate" : "person.reactivate",
      unit: unit ?? null,
      target: { type: "person", id: personId },
      ip: ctx.ip,
    });
    return readPerson(tx, personId);
  });
  invalidateActorCache(personId);
  return changed;
}
