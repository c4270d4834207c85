import type { Executor } from "../db/client.ts";

/** What the audit page shows of an event's object: its name, and where to open it when that differs. */
export interface AuditSubject {
  name: string | null;
  /** The page to open when it is another record's (a variant opens its post). */
  linkId?: string | null;
  /** A kind word the sentence needs, e.g. a variant's target ("facebook_page"); the web words it. */
  kind?: string | null;
}

/** Names the records of one target type, by id; ids it does not know are left out. */
export type AuditSubjectNamer = (db: Executor, ids: readonly string[]) => Promise<Map<string, AuditSubject>>;

const namers = new Map<string, AuditSubjectNamer>();

/**
 * A module that owns records the audit log points at says how to name them (from its own tables),
 * so the audit page can write "… the post “Title”" without reading other modules' tables.
 */
export function nameAuditSubjects(targetType: string, namer: AuditSubjectNamer): void {
  namers.set(targetType, namer);
}

/** The subjects of the given events, keyed "type:id". */
export async function auditSubjectsOf(
  db: Executor,
  targets: readonly { type: string; id: string }[],
): Promise<Map<string, AuditSubject>> {
  const idsByType = new Map<string, Set<string>>();
  for (const { type, id } of targets) {
    idsByType.set(type, (idsByType.get(type) ?? new Set()).add(id));
  }
  const found = new Map<string, AuditSubject>();
  for (const [type, ids] of idsByType) {
    const namer = namers.get(type);
    // Old events may name a record by an id that is not a uuid (an empty report id): skip those.
    const valid = [...ids].filter((id) => /^[0-9a-f-]{36}$/i.test(id));
    if (!namer || valid.length === 0) {
      continue;
    }
    for (const [id, subject] of await namer(db, valid)) {
      found.set(`${type}:${id}`, subject);
    }
  }
  return found;
}
