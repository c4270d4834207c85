import type { Executor } from "../../db/client.ts";
import { type Actor, can, isWithin } from "../../platform/actor.ts";
import { mediaUnitPaths } from "../media/index.ts";
import { unitSummaries } from "../org/index.ts";
import { publishingErrors } from "./errors.ts";

/**
 * Refuses library items a post may not carry: each must belong to the post's unit or a unit below
 * it, or to a unit where the person writing may write posts. Otherwise anyone who learned an item's
 * id could publish another unit's unpublished photo (and mark it published, so it can no longer be
 * deleted there). Items that no longer exist are the caller's concern.
 */
export async function requireMediaInScope(
  db: Executor,
  actor: Actor,
  postUnitId: string,
  ids: readonly string[],
): Promise<void> {
  if (ids.length === 0) {
    return;
  }
  const paths = await mediaUnitPaths(db, ids);
  const postPath = (await unitSummaries(db, [postUnitId])).get(postUnitId)?.path;
  const outside = [...new Set(ids)].filter((id) => {
    const path = paths.get(id);
    return (
      path !== undefined &&
      !((postPath !== undefined && isWithin(path, postPath)) || can(actor, "posts.write", path))
    );
  });
  if (outside.length > 0) {
    throw publishingErrors.mediaOutOfScope({ ids: outside });
  }
}
