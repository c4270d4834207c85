import { sql } from "drizzle-orm";
import { linkHits } from "../../db/schema/index.ts";

/*
 * A row of link_hits stands for `hits` identical hits: every count over it is a sum.
 */

/** How many hits of one kind the grouped rows stand for. */
export function hitsOfKind(kind: "click" | "preview" | "bot") {
  return sql<number>`coalesce(sum(${linkHits.hits}) filter (where ${linkHits.kind} = ${kind}), 0)::int`;
}

/** How many hits the grouped rows stand for. */
export const allHits = sql<number>`coalesce(sum(${linkHits.hits}), 0)::int`;
