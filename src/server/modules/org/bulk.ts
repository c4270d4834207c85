import { foldForSearch } from "../../../shared/vietnamese-text.ts";
import type { Executor } from "../../db/client.ts";
import { people, roleGrants } from "../../db/schema/index.ts";
import type { Role } from "../../platform/actor.ts";
import { type AuditEntry, recordAuditBatch } from "../../platform/audit.ts";
import { unitSummaries } from "./membership.ts";
import { cleanPersonFields, type PersonFields } from "./person-fields.ts";

/*
 * Creating many people at once (the demo's few hundred), a few hundred rows per statement: the
 * per-person services take a transaction, a unit check and an audit insert each, far too slow for
 * that. The rows are the ones createPerson and grantRole write, audited the same way.
 */

export interface BulkPerson {
  fields: PersonFields;
  unitId: string;
  /** Every role the person holds, membership of their own unit included. */
  grants: { role: Role; unitId: string }[];
}

const BATCH = 500;

/**
 * Creates the people with their role grants in the caller's transaction, without an actor; each
 * person's creation and each grant is audited, with `auditDetails` added. Fields are normalised as
 * createPerson does; an invalid one, or a unit that does not exist, fails the whole call. Answers the
 * new ids, in the order given.
 */
export async function createPeopleInBulk(
  tx: Executor,
  input: { people: readonly BulkPerson[]; auditDetails?: Record<string, unknown> },
): Promise<string[]> {
  const unitIds = input.people.flatMap((person) => [person.unitId, ...person.grants.map((g) => g.unitId)]);
  const unitsById = await unitSummaries(tx, unitIds);
  const unitOf = (unitId: string) => {
    const unit = unitsById.get(unitId);
    if (!unit) {
      throw new Error(`unit ${unitId} does not exist`);
    }
    return { id: unit.id, path: unit.path };
  };
  const personRows: (typeof people.$inferInsert)[] = [];
  const grantRows: (typeof roleGrants.$inferInsert)[] = [];
  const audit: AuditEntry[] = [];
  const ids: string[] = [];
  const details = input.auditDetails ?? {};
  for (const person of input.people) {
    const { value, problems } = cleanPersonFields(person.fields);
    if (problems.length > 0) {
      throw new Error(
        `person ${person.fields.fullName} is invalid: ${problems.map((p) => p.code).join(", ")}`,
      );
    }
    const id = crypto.randomUUID();
    ids.push(id);
    const unit = unitOf(person.unitId);
    personRows.push({
      id,
      ...value,
      unitId: unit.id,
      searchKey: foldForSearch(`${value.fullName} ${value.email ?? ""} ${value.phone ?? ""}`),
    });
    const target = { type: "person", id };
    audit.push({ actor: null, action: "person.create", unit, target, ip: null, details });
    for (const { role, unitId } of person.grants) {
      grantRows.push({ personId: id, unitId, role });
      audit.push({
        actor: null,
        action: "role.grant",
        unit: unitOf(unitId),
        target,
        ip: null,
        details: { role, ...details },
      });
    }
  }
  for (let i = 0; i < personRows.length; i += BATCH) {
    await tx.insert(people).values(personRows.slice(i, i + BATCH));
  }
  for (let i = 0; i < grantRows.length; i += BATCH) {
    await tx.insert(roleGrants).values(grantRows.slice(i, i + BATCH));
  }
  await recordAuditBatch(tx, audit);
  return ids;
}
