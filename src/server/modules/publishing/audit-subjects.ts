import { eq, inArray } from "drizzle-orm";
import { posts, postVariants } from "../../db/schema/index.ts";
import { nameAuditSubjects } from "../../platform/audit-subjects.ts";

/* The audit page names posts by title, and a variant by its post's title and its target. */
nameAuditSubjects("post", async (db, ids) => {
  const rows = await db
    .select({ id: posts.id, title: posts.title })
    .from(posts)
    .where(inArray(posts.id, ids));
  return new Map(rows.map((row) => [row.id, { name: row.title }]));
});

nameAuditSubjects("variant", async (db, ids) => {
  const rows = await db
    .select({ id: postVariants.id, postId: posts.id, title: posts.title, target: postVariants.target })
    .from(postVariants)
    .innerJoin(posts, eq(posts.id, postVariants.postId))
    .where(inArray(postVariants.id, ids));
  return new Map(rows.map((row) => [row.id, { name: row.title, linkId: row.postId, kind: row.target }]));
});
