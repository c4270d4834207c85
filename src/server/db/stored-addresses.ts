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
 * Rewrites the stored addresses of a table that could not be written into an HTTP header as they
 * are (kept as typed before addresses were normalised on the way in) into their encoded form. Run at
 * start-up by the modules that own such columns, so no stored row can make a response throw. Rows it
 * cannot repair are left as they are and returned: their readers must refuse them, not send them.
 */
export async function repairAddressColumns(
  db: Executor,
  target: { table: PgTable; id: PgColumn; addresses: readonly PgColumn[] },
): Promise<AddressRepair> {
  // Anything outside visible ASCII: non-ASCII letters, spaces, control characters. One pass over the
  // table for all its address columns.
  const unsafe = (column: PgColumn) => sql`(${isNotNull(column)} and ${column} !~ '^[!-~]+$')`;
  const rows = (await db
    .select({ id: target.id, ...Object.fromEntries(target.addresses.map((column) => [column.name, column])) })
    .from(target.table)
    .where(sql.join(target.addresses.map(unsafe), sql` or `))) as Record<string, unknown>[];
  const result: AddressRepair = { repaired: 0, unrepairable: [] };
  for (const row of rows) {
    for (const column of target.addresses) {
      const stored = row[column.name];
      if (typeof stored !== "string" || /^[!-~]+$/.test(stored)) {
        continue;
      }
      const repaired = normaliseWebAddress(stored);
      if (!repaired) {
        result.unrepairable.push(String(row.id));
        continue;
      }
      await db.execute(
        sql`update ${target.table} set ${sql.identifier(column.name)} = ${repaired} where ${eq(target.id, row.id)}`,
      );
      result.repaired++;
    }
  }
  return result;
}
