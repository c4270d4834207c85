import { customType } from "drizzle-orm/pg-core";

/** PostgreSQL `ltree` label path; the unit tree is stored this way so "in my subtree" is `path <@ $unit`. */
export const ltree = customType<{ data: string }>({
  dataType() {
    return "ltree";
  },
});
