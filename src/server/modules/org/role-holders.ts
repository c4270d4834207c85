import { sql } from "drizzle-orm";
import { type Executor, queryRows } from "../../db/client.ts";
import type { Role } from "../../platform/actor.ts";

/**
 * The active people holding one of `roles` on the unit or on a unit above it (a role covers its
 * unit's subtree): whom a request about the unit's work may be addressed to. Each person once.
 */
export async function roleHoldersAtOrAbove(
  db: Executor,
  unitId: string,
  roles: readonly Role[],
): Promise<string[]> {
  if (roles.length === 0) {
    return [];
  }
  const rows = await queryRows<{ id: string }>(
    db,
    sql`
    select distinct p.id
    from units target
    join units holder_unit on holder_unit.path @> target.path and holder_unit.status = 'active'
    join role_grants g on g.unit_id = holder_unit.id
    join people p on p.id = g.person_id and p.status = 'active'
    where target.id = ${unitId}
      and g.role in (${sql.join(
        roles.map((role) => sql`${role}`),
        sql`, `,
      )})`,
  );
  return rows.map((row) => row.id);
}
