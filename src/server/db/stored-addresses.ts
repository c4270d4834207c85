import { eq, isNotNull, sql } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import { normaliseWebAddress } from "../../shared/web-address.ts";
import type { Executor } from "./client.ts";

/** What a repair of one address column found: rows made header-safe, and rows it could not repair. */
export interface AddressRepair {
  repaired: number;
  unrepairable: string[];
}

/**
 * Rewrites the addresses of one column that could not be written into an HTTP header as they are
 * (kept as typed before addresses were normalised on the way in) into their encoded form. Run at
 * start-up by the modules that own such columns, so no stored row can make a response throw. Rows it
 * cannot repair are left as they are and returned: their readers must refuse them, not send them.
 */
export async function repairAddressColumn(
  db: Executor,
  target: { table: PgTable; id: PgColumn; address: PgColumn },
): Promise<AddressRepair> {
  const rows = await db
    .select({ id: target.id, address: target.address })
    .from(target.table)
    // Anything outside visible ASCII: non-ASCII letters, spaces, control characters.
    .where(sql`${isNotNull(target.address)} and ${target.address} !~ '^[!-~]+$'`);
  const result: AddressRepair = { repaired: 0, unrepairable: [] };
  for (const row of rows) {
    const id = String(row.id);
    const repaired = normaliseWebAddress(String(row.address));
    if (!repaired) {
      result.unrepairable.push(id);
      continue;
    }
    await db.execute(
      sql`update ${target.table} set ${sql.identifier(target.address.name)} = ${repaired} where ${eq(target.id, row.id)}`,
    );
    result.repaired++;
  }
  return result;
}
