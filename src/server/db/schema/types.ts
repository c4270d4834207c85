import { customType } from "drizzle-orm/pg-core";

/** PostgreSQL `ltree` label path; the unit tree is stored this way so "in my subtree" is `path <@ $unit`. */
export const ltree = customType<{ data: string }>({
  dataType() {
    return "ltree";
  },
});

/** Raw bytes (`bytea`): small files a module keeps with its records, so backup and restore carry them. */
export const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array | string }>({
  dataType() {
    return "bytea";
  },
  fromDriver(value) {
    if (typeof value === "string") {
      // node-postgres hands bytea back as "\x…" hex when no type parser is set.
      return Buffer.from(value.startsWith("\\x") ? value.slice(2) : value, "hex");
    }
    return Buffer.from(value);
  },
});
