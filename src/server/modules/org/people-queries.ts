import { and, asc, desc, eq, type SQL, sql } from "drizzle-orm";
import { foldForSearch, normalizeName } from "../../../shared/vietnamese-text.ts";
import { LookupCache, perDatabase } from "../../cache/lookup-cache.ts";
import type { Executor } from "../../db/client.ts";
import { containsPattern, likeLiteral } from "../../db/like.ts";
import { people, units } from "../../db/schema/index.ts";
import { type Role, withinScope } from "../../platform/actor.ts";
import { recordAudit } from "../../platform/audit.ts";
import type { ActionContext } from "../../platform/context.ts";
import { errors } from "../../platform/errors.ts";
import { totalOfPage } from "../../platform/pagination.ts";

/* Reading people: one person, and the searched, paged list; reads of personal data are audited. */

export const personLabel = { vi: "nhân sự", en: "Person" };

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

/** One person with their unit, not audited: for the services answering with the record they changed. */
export async function readPerson(db: Executor, personId: string): Promise<PersonView> {
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

/**
 * Vietnamese lists run by given name, the last word of the full name, then by family and middle
 * names: "Lê Văn An", "Trần Thị An", "Đỗ Thị Ánh", "Nguyễn Văn Bình". Diacritics are ignored first,
 * as people look names up, then break ties ("An" before "Ân"); the id last keeps pages from overlapping.
 */
const givenName = sql`regexp_replace(${people.fullName}, '^.*\\s', '')`;
const vietnameseNameOrder = [
  asc(sql`lower(unaccent(${givenName}))`),
  asc(sql`lower(${givenName}) collate "C"`),
  asc(sql`lower(unaccent(${people.fullName}))`),
  asc(people.id),
];

const toneMarks = "\u0300\u0301\u0303\u0309\u0323";
const openCluster = new RegExp(`^(|.*[^q])([ou])([${toneMarks}]?)([aey])([${toneMarks}]?)$`, "u");

/**
 * The word with its tone mark on the other vowel of a final oa, oe or uy ("hòa" ↔ "hoà", "thủy" ↔
 * "thuỷ"): both placements are in use, and a name written one way is the same name written the other.
 */
function otherTonePlacement(word: string): string | null {
  const match = openCluster.exec(word.normalize("NFD"));
  if (!match) {
    return null;
  }
  const [, head = "", first = "", firstTone = "", second = "", secondTone = ""] = match;
  if (Boolean(firstTone) === Boolean(secondTone) || (first === "o") === (second === "y")) {
    return null;
  }
  return `${head}${first}${secondTone}${second}${firstTone}`.normalize("NFC");
}

/**
 * For a search typed with Vietnamese marks ("Ánh"), how many of its marked words begin a word of
 * the name as typed, marks included: "Đỗ Thị Ánh" before "Trần Văn Anh" and "Lê Khánh", which the
 * search still finds because it ignores the marks. Null when the search carries no mark, so people
 * who type without them keep the plain name order. Only the rows found are ranked: no extra scan.
 */
function exactMarksRank(q: string | undefined): SQL | null {
  const marked = normalizeName(q ?? "")
    .toLowerCase()
    .split(" ")
    .filter((word) => word && foldForSearch(word) !== word);
  if (marked.length === 0) {
    return null;
  }
  const name = sql`(' ' || lower(${people.fullName}))`;
  const startsAWord = (word: string) => sql`${name} like ${`% ${likeLiteral(word)}%`}`;
  return sql.join(
    marked.map((word) => {
      const other = otherTonePlacement(word);
      const found = other ? sql`(${startsAWord(word)} or ${startsAWord(other)})` : startsAWord(word);
      return sql`(case when ${found} then 1 else 0 end)`;
    }),
    sql` + `,
  );
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

/**
 * One page of the people in scope matching the options, searched by name, e-mail or phone ignoring
 * case and diacritics (names matching a marked search with its marks come first), with the total;
 * audited by `auditPeopleList`, not here.
 */
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
      conditions.push(sql`${people.searchKey} like ${containsPattern(word)}`);
    }
  }
  const where = and(...conditions);
  const rank = exactMarksRank(options.q);
  const rows = await db
    .select({ ...personColumns, total: sql<number>`count(*) over ()`.mapWith(Number) })
    .from(people)
    .innerJoin(units, eq(units.id, people.unitId))
    .where(where)
    .orderBy(...(rank ? [desc(rank)] : []), ...vietnameseNameOrder)
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
