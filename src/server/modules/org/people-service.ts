import { and, asc, eq, sql } from "drizzle-orm";
import {
  foldForSearch,
  normalizeEmail,
  normalizeName,
  normalizeVietnamesePhone,
} from "../../../shared/vietnamese-text.ts";
import { LookupCache, perDatabase } from "../../cache/lookup-cache.ts";
import type { Executor } from "../../db/client.ts";
import { people, roleGrants, units } from "../../db/schema/index.ts";
import { invalidateActorCache } from "../../http/actor-cache.ts";
import { AppError, errors } from "../../http/errors.ts";
import { recordAudit } from "../auth/audit.ts";
import {
  assertEmailFree,
  assertMayChangeWholePerson,
  type PendingEmailChange,
  requestEmailChange,
} from "./person-changes.ts";
import { canGrantRole, type Role, withinScope } from "./policy.ts";
import { type ActionContext, totalOfPage } from "./service.ts";

const personLabel = { vi: "người dùng", en: "Person" };

export interface PersonFields {
  fullName: string;
  email?: string | null;
  phone?: string | null;
  position?: string | null;
}

export interface CleanPersonFields {
  fullName: string;
  email: string | null;
  phone: string | null;
  position: string | null;
}

export interface FieldProblem {
  field: "fullName" | "email" | "phone";
  code: string;
  vi: string;
  en: string;
}

/** Normalises a person's fields (NFC name, lower-case e-mail, national phone form) or lists what is wrong. */
export function cleanPersonFields(input: PersonFields): {
  value: CleanPersonFields;
  problems: FieldProblem[];
} {
  const problems: FieldProblem[] = [];
  const fullName = normalizeName(input.fullName ?? "");
  if (!fullName) {
    problems.push({
      field: "fullName",
      code: "person.name_required",
      vi: "Thiếu họ và tên.",
      en: "Full name is missing.",
    });
  }
  let email: string | null = null;
  if (input.email?.trim()) {
    email = normalizeEmail(input.email);
    if (!email) {
      problems.push({
        field: "email",
        code: "person.email_invalid",
        vi: `E-mail “${input.email.trim()}” không hợp lệ.`,
        en: `E-mail “${input.email.trim()}” is not valid.`,
      });
    }
  }
  let phone: string | null = null;
  if (input.phone?.trim()) {
    phone = normalizeVietnamesePhone(input.phone);
    if (!phone) {
      problems.push({
        field: "phone",
        code: "person.phone_invalid",
        vi: `Số điện thoại “${input.phone.trim()}” không hợp lệ.`,
        en: `Phone number “${input.phone.trim()}” is not valid.`,
      });
    }
  }
  const position = input.position ? normalizeName(input.position) || null : null;
  return { value: { fullName, email, phone, position }, problems };
}

function throwProblems(problems: FieldProblem[]): void {
  const first = problems[0];
  if (first) {
    throw errors.badRequest(
      first.code,
      first.vi,
      first.en,
      problems.map((p) => ({ field: p.field, code: p.code, message: p.en })),
    );
  }
}

const personColumns = {
  id: people.id,
  fullName: people.fullName,
  email: people.email,
  phone: people.phone,
  position: people.position,
  status: people.status,
  unitId: people.unitId,
  unitName: units.name,
  unitPath: units.path,
  createdAt: people.createdAt,
  updatedAt: people.updatedAt,
};

export type PersonView = {
  id: string;
  fullName: string;
  email: string | null;
  phone: string | null;
  position: string | null;
  status: "active" | "inactive";
  unitId: string;
  unitName: string;
  unitPath: string;
  createdAt: Date;
  updatedAt: Date;
};

async function readPerson(db: Executor, personId: string): Promise<PersonView> {
  const [row] = await db
    .select(personColumns)
    .from(people)
    .innerJoin(units, eq(units.id, people.unitId))
    .where(eq(people.id, personId));
  if (!row) {
    throw errors.notFound(personLabel);
  }
  return row;
}

/** The unit a person belongs to (for access checks), or null when the person does not exist. */
export async function unitOfPerson(db: Executor, personId: string): Promise<string | null> {
  if (!/^[0-9a-f-]{36}$/i.test(personId)) {
    return null;
  }
  const [row] = await db.select({ unitId: people.unitId }).from(people).where(eq(people.id, personId));
  return row?.unitId ?? null;
}

/** Creates a person in a unit. */
export async function createPerson(
  ctx: ActionContext,
  input: PersonFields & { unitId: string },
): Promise<PersonView> {
  const { value, problems } = cleanPersonFields(input);
  throwProblems(problems);
  return ctx.db.transaction(async (tx) => {
    const [unit] = await tx.select().from(units).where(eq(units.id, input.unitId));
    if (unit?.status !== "active") {
      throw errors.notFound({ vi: "đơn vị", en: "Unit" });
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
    const { value, problems } = cleanPersonFields({
      fullName: input.fullName ?? current.fullName,
      email: input.email === undefined ? current.email : input.email,
      phone: input.phone === undefined ? current.phone : input.phone,
      position: input.position === undefined ? current.position : input.position,
    });
    throwProblems(problems);
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
      throw errors.notFound({ vi: "đơn vị", en: "Unit" });
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

/** One person's record; reading personal data is audited. */
export async function readPersonAudited(ctx: ActionContext, personId: string): Promise<PersonView> {
  const person = await readPerson(ctx.db, personId);
  const [unit] = await ctx.db
    .select({ id: units.id, path: units.path })
    .from(units)
    .where(eq(units.id, person.unitId));
  await recordAudit(ctx.db, {
    actor: ctx.actor,
    action: "person.read",
    unit: unit ?? null,
    target: { type: "person", id: personId },
    ip: ctx.ip,
  });
  return person;
}

export interface ListPeopleOptions {
  scope: readonly string[];
  q?: string;
  unitPath?: string;
  status?: "active" | "inactive";
  role?: Role;
  limit: number;
  offset: number;
}

/** People in scope, searched by name, e-mail or phone ignoring case and diacritics; the read is audited. */
/** One page of people matching the options, with the total; audited by `listPeople`, not here. */
export async function readPeoplePage(db: Executor, options: ListPeopleOptions) {
  const conditions = [withinScope(units.path, options.scope)];
  if (options.unitPath) {
    conditions.push(sql`${units.path} <@ ${options.unitPath}::ltree`);
  }
  if (options.status) {
    conditions.push(eq(people.status, options.status));
  }
  if (options.role) {
    conditions.push(
      sql`exists (select 1 from role_grants g where g.person_id = ${people.id} and g.role = ${options.role})`,
    );
  }
  const folded = options.q ? foldForSearch(options.q) : "";
  if (folded) {
    for (const word of folded.split(" ")) {
      conditions.push(sql`${people.searchKey} like ${`%${word.replace(/[\\%_]/g, "\\$&")}%`}`);
    }
  }
  const where = and(...conditions);
  const rows = await db
    .select({ ...personColumns, total: sql<number>`count(*) over ()`.mapWith(Number) })
    .from(people)
    .innerJoin(units, eq(units.id, people.unitId))
    .where(where)
    .orderBy(asc(people.searchKey), asc(people.id))
    .limit(options.limit)
    .offset(options.offset);
  const items = rows.map(({ total: _total, ...item }) => item);
  const total = await totalOfPage(rows, options.offset, async () => {
    const [counted] = await db
      .select({ count: sql<number>`count(*)::int` })
      .from(people)
      .innerJoin(units, eq(units.id, people.unitId))
      .where(where);
    return counted?.count ?? 0;
  });
  return { items, total };
}

/**
 * The same person listing the same people with the same search from the same address within this
 * window is recorded once: the access log keeps who saw whom and when to the minute, and a search box
 * that re-asks on every keystroke or a page read again does not write a row per request.
 */
const LIST_AUDIT_WINDOW_MS = 60_000;
const recentListAudits = perDatabase(
  () => new LookupCache<true>({ maxEntries: 10_000, ttlMs: LIST_AUDIT_WINDOW_MS }),
);

/** Records who listed which people (reads of personal data are audited). */
export async function auditPeopleList(
  ctx: ActionContext,
  options: Pick<ListPeopleOptions, "q">,
  items: readonly { id: string }[],
): Promise<void> {
  if (items.length === 0) {
    return;
  }
  const personIds = items.map((p) => p.id);
  const recent = recentListAudits(ctx.db);
  const key = JSON.stringify([ctx.actor?.personId ?? null, ctx.ip, options.q ?? null, personIds]);
  if (recent.get(key)) {
    return;
  }
  await recordAudit(ctx.db, {
    actor: ctx.actor,
    action: "person.list",
    ip: ctx.ip,
    details: { q: options.q ?? null, count: items.length, personIds },
  });
  recent.set(key, true);
}

/** A page of people in the actor's scope, audited. */
export async function listPeople(ctx: ActionContext, options: ListPeopleOptions) {
  const page = await readPeoplePage(ctx.db, options);
  await auditPeopleList(ctx, options, page.items);
  return page;
}

/** A person's role grants with the unit names. */
export async function listGrants(db: Executor, personId: string) {
  return db
    .select({
      id: roleGrants.id,
      role: roleGrants.role,
      unitId: roleGrants.unitId,
      unitName: units.name,
      unitPath: units.path,
      createdAt: roleGrants.createdAt,
    })
    .from(roleGrants)
    .innerJoin(units, eq(units.id, roleGrants.unitId))
    .where(eq(roleGrants.personId, personId))
    .orderBy(asc(roleGrants.createdAt));
}

/** Refuses to grant or revoke a role that carries a permission the actor lacks on that unit. */
function assertMayGrant(ctx: ActionContext, role: Role, unitPath: string): void {
  if (ctx.actor && !canGrantRole(ctx.actor, role, unitPath)) {
    throw new AppError(
      403,
      "role.beyond_own_permissions",
      {
        vi: "Bạn không thể cấp hoặc thu hồi vai trò này vì vai trò có những quyền mà chính bạn không có tại đơn vị này. Vui lòng đề nghị người có đủ các quyền đó thực hiện.",
        en: "You cannot grant or revoke this role: it carries permissions you do not hold on this unit yourself. Please ask someone who holds them.",
      },
      { role },
    );
  }
}

/**
 * Grants a role on a unit (covering its subtree); granting twice is a no-op. The actor must hold every
 * permission of the role there, and rights over every unit where the person already holds a role.
 */
export async function grantRole(ctx: ActionContext, input: { personId: string; unitId: string; role: Role }) {
  const changed = await ctx.db.transaction(async (tx) => {
    const [person] = await tx.select({ id: people.id }).from(people).where(eq(people.id, input.personId));
    if (!person) {
      throw errors.notFound(personLabel);
    }
    const [unit] = await tx
      .select({ id: units.id, path: units.path, status: units.status })
      .from(units)
      .where(eq(units.id, input.unitId));
    if (unit?.status !== "active") {
      throw errors.notFound({ vi: "đơn vị", en: "Unit" });
    }
    assertMayGrant(ctx, input.role, unit.path);
    await assertMayChangeWholePerson(tx, ctx.actor, input.personId, "roles.manage");
    await tx
      .insert(roleGrants)
      .values({
        personId: input.personId,
        unitId: input.unitId,
        role: input.role,
        grantedBy: ctx.actor?.personId ?? null,
      })
      .onConflictDoNothing();
    await recordAudit(tx, {
      actor: ctx.actor,
      action: "role.grant",
      unit: { id: unit.id, path: unit.path },
      target: { type: "person", id: input.personId },
      ip: ctx.ip,
      details: { role: input.role },
    });
    return listGrants(tx, input.personId);
  });
  invalidateActorCache(input.personId);
  return changed;
}

/** The unit a grant is on (for the access check), or null. */
export async function unitOfGrant(db: Executor, grantId: string): Promise<string | null> {
  if (!/^[0-9a-f-]{36}$/i.test(grantId)) {
    return null;
  }
  const [row] = await db
    .select({ unitId: roleGrants.unitId })
    .from(roleGrants)
    .where(eq(roleGrants.id, grantId));
  return row?.unitId ?? null;
}

/** Revokes one role grant. */
export async function revokeRole(ctx: ActionContext, personId: string, grantId: string) {
  const changed = await ctx.db.transaction(async (tx) => {
    await assertMayChangeWholePerson(tx, ctx.actor, personId, "roles.manage");
    const [grant] = await tx
      .delete(roleGrants)
      .where(and(eq(roleGrants.id, grantId), eq(roleGrants.personId, personId)))
      .returning();
    if (!grant) {
      throw errors.notFound({ vi: "vai trò", en: "Role grant" });
    }
    const [unit] = await tx
      .select({ id: units.id, path: units.path })
      .from(units)
      .where(eq(units.id, grant.unitId));
    if (unit) {
      assertMayGrant(ctx, grant.role, unit.path);
    }
    await recordAudit(tx, {
      actor: ctx.actor,
      action: "role.revoke",
      unit: unit ?? null,
      target: { type: "person", id: personId },
      ip: ctx.ip,
      details: { role: grant.role },
    });
    return listGrants(tx, personId);
  });
  invalidateActorCache(personId);
  return changed;
}
