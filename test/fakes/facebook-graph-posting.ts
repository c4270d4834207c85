import type { ServerResponse } from "node:http";
import type { FakePost, GraphMode } from "./facebook-graph.ts";
import { invalidParameter } from "./facebook-graph-errors.ts";
import { sendJson } from "./fake-http.ts";

/*
 * Posting to the fake Page: POST /{page-id}/feed (message, link, published, scheduled_publish_time,
 * attached_media[n]) → {"id"}, developers.facebook.com/docs/pages-api/posts,
 * /docs/graph-api/reference/page/feed.
 */

export interface FakePhoto {
  url: string;
  published: boolean;
  temporary: boolean;
  altText: string | null;
}

/** What posting and uploading change: the page's posts and photos, and the ids they get. */
export interface PageContent {
  pageId: string;
  posts: FakePost[];
  photos: Map<string, FakePhoto>;
  nextId(): string;
  mode(): GraphMode;
}

/** The post's schedule in seconds, null when published now, or "refused" once answered with Graph's error. */
export function scheduleOf(params: URLSearchParams, response: ServerResponse): number | null | "refused" {
  const published = params.get("published");
  const at = params.get("scheduled_publish_time");
  if (!at) {
    return null;
  }
  if (published !== "false") {
    invalidParameter(response, "Scheduled posts must be created with published=false");
    return "refused";
  }
  const seconds = Number(at);
  const ahead = seconds * 1000 - Date.now();
  if (!Number.isInteger(seconds) || ahead < 10 * 60 * 1000 || ahead > 75 * 24 * 3600 * 1000) {
    invalidParameter(
      response,
      "The specified scheduled publish time is invalid. It must be between 10 minutes and 75 days from the time of the API request.",
    );
    return "refused";
  }
  return seconds;
}

export function postToFeed(page: PageContent, params: URLSearchParams, response: ServerResponse): void {
  const message = params.get("message") ?? "";
  const link = params.get("link");
  const attached = [...params.keys()]
    .filter((key) => /^attached_media\[\d+\]$/.test(key))
    .map((key) => (JSON.parse(params.get(key) ?? "{}") as { media_fbid?: string }).media_fbid ?? "");
  if (!message && !link && attached.length === 0) {
    invalidParameter(response, "The user hasn't authorized the application to perform this action");
    return;
  }
  if (link && !/^https?:\/\//.test(link)) {
    invalidParameter(response, "Param link must be a valid URL");
    return;
  }
  for (const id of attached) {
    const photo = page.photos.get(id);
    if (!photo || photo.published) {
      invalidParameter(response, `Invalid media_fbid ${id}: it must be an unpublished photo of this Page`);
      return;
    }
  }
  const schedule = scheduleOf(params, response);
  if (schedule === "refused") {
    return;
  }
  if (schedule && attached.some((id) => !page.photos.get(id)?.temporary)) {
    invalidParameter(response, "Photos attached to a scheduled post must be uploaded with temporary=true");
    return;
  }
  const post: FakePost = {
    id: `${page.pageId}_${page.nextId()}`,
    message,
    link,
    createdTime: new Date(),
    published: schedule === null && params.get("published") !== "false",
    scheduledPublishTime: schedule,
    photoUrls: attached.map((id) => page.photos.get(id)?.url ?? ""),
  };
  page.posts.push(post);
  if (page.mode() === "post_then_hang") {
    return;
  }
  sendJson(response, 200, { id: post.id });
}
