import type { ServerResponse } from "node:http";
import type { FakePost } from "./facebook-graph.ts";
import { invalidParameter } from "./facebook-graph-errors.ts";
import { type PageContent, scheduleOf } from "./facebook-graph-posting.ts";
import { sendJson } from "./fake-http.ts";

/*
 * Photos on the fake Page: POST /{page-id}/photos (url, caption, published, temporary,
 * scheduled_publish_time) → {"id","post_id"}, /docs/graph-api/reference/page/photos. An unpublished
 * photo (published=false, no schedule) is only uploaded, for a feed post's attached_media.
 */

export function uploadPhoto(page: PageContent, params: URLSearchParams, response: ServerResponse): void {
  const url = params.get("url");
  if (!url || !/^https?:\/\//.test(url)) {
    invalidParameter(response, "Param url must be a valid URL");
    return;
  }
  const schedule = scheduleOf(params, response);
  if (schedule === "refused") {
    return;
  }
  const unpublished = params.get("published") === "false";
  const photoId = page.nextId();
  page.photos.set(photoId, {
    url,
    published: !unpublished,
    temporary: params.get("temporary") === "true",
    altText: params.get("alt_text_custom"),
  });
  if (unpublished && schedule === null) {
    sendJson(response, 200, { id: photoId });
    return;
  }
  const post: FakePost = {
    id: `${page.pageId}_${page.nextId()}`,
    message: params.get("caption") ?? params.get("message") ?? "",
    link: null,
    createdTime: new Date(),
    published: schedule === null,
    scheduledPublishTime: schedule,
    photoUrls: [url],
  };
  page.posts.push(post);
  sendJson(response, 200, { id: photoId, post_id: post.id });
}
