import type { Executor } from "../../db/client.ts";
import { AppError } from "../../http/errors.ts";
import { mediaUnitPaths } from "../media/service.ts";
import { unitSummaries } from "../org/membership.ts";
import { type Actor, can, isWithin } from "../org/policy.ts";

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
    throw new AppError(
      403,
      "publishing.media_out_of_scope",
      {
        vi: "Bài viết chỉ được dùng ảnh, video trong thư viện của đơn vị có bài, đơn vị trực thuộc hoặc đơn vị mà bạn được viết bài. Vui lòng chọn ảnh, video khác.",
        en: "A post may only use photos and videos from the library of its unit, a unit below it, or a unit you may write posts for. Choose other photos or videos.",
      },
      { ids: outside },
    );
  }
}
