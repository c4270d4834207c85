import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type FakeGraph, startFakeGraph } from "../../../../../test/fakes/facebook-graph.ts";
import {
  checkPageToken,
  classifyGraphAnswer,
  createFacebookConnector,
  GRAPH_API_VERSION,
} from "./facebook.ts";
import { LookupFailedError, type MediaForPublish, type PublishRequest } from "./types.ts";

let graph: FakeGraph;
beforeAll(async () => {
  graph = await startFakeGraph();
});
afterAll(async () => {
  await graph?.close();
});
afterEach(() => {
  graph.setMode("ok");
});

const connector = createFacebookConnector({ timeoutMs: 1500 });

function photo(n: number): MediaForPublish {
  return {
    id: `m${n}`,
    kind: "image",
    mime: "image/jpeg",
    url: `https://caunoi.example/media/anh-${n}.jpg`,
    path: `/tmp/anh-${n}.jpg`,
    altText: `Ảnh ${n}: cán bộ xã trao quà`,
  };
}

function request(overrides: Partial<PublishRequest> = {}): PublishRequest {
  return {
    variantId: crypto.randomUUID(),
    idempotencyKey: crypto.randomUUID(),
    connection: { baseUrl: graph.baseUrl, accountId: graph.pageId, token: graph.token },
    title: null,
    body: `Xã Tân Trào ra quân dọn vệ sinh môi trường ${crypto.randomUUID().slice(0, 8)}`,
    linkUrl: null,
    media: [],
    scheduledAt: null,
    ...overrides,
  };
}

const postsReceived = (since: number) => graph.publishCalls().slice(since);

describe("Facebook Page connector against the fake Graph API", () => {
  it("publishes text with a link once, as a feed post carrying the token in a header", async () => {
    const before = graph.publishCalls().length;
    const req = request({ linkUrl: "https://tantrao.gov.vn/tin/ra-quan" });
    const outcome = await connector.publish(req);
    expect(outcome).toMatchObject({ kind: "published" });
    const calls = postsReceived(before);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.path).toBe(`/v26.0/${graph.pageId}/feed`);
    expect(calls[0]?.form?.get("message")).toBe(req.body);
    expect(calls[0]?.form?.get("link")).toBe("https://tantrao.gov.vn/tin/ra-quan");
    expect(calls[0]?.headers.authorization).toBe(`Bearer ${graph.token}`);
    expect(calls[0]?.query.has("access_token")).toBe(false);
    const post = graph.posts.find((p) => outcome.kind === "published" && p.id === outcome.externalId);
    expect(post).toMatchObject({
      message: req.body,
      link: "https://tantrao.gov.vn/tin/ra-quan",
      published: true,
    });
  });

  it("publishes one picture as a photo post with its caption and alt text", async () => {
    const req = request({ media: [photo(1)], linkUrl: "https://tantrao.gov.vn/tin/anh" });
    const outcome = await connector.publish(req);
    expect(outcome.kind).toBe("published");
    const post = graph.posts.find((p) => outcome.kind === "published" && p.id === outcome.externalId);
    expect(post?.photoUrls).toEqual([photo(1).url]);
    // A photo post has no link field: the link goes at the end of the text.
    expect(post?.message).toBe(`${req.body}\n\nhttps://tantrao.gov.vn/tin/anh`);
    expect([...graph.photos.values()].some((p) => p.altText === photo(1).altText && p.published)).toBe(true);
  });

  it("publishes several pictures as unpublished photos attached to one feed post", async () => {
    const before = graph.received.length;
    const outcome = await connector.publish(request({ media: [photo(1), photo(2), photo(3)] }));
    expect(outcome.kind).toBe("published");
    const calls = graph.received
      .slice(before)
      .map((r) => `${r.method} ${r.path} ${r.form?.get("published") ?? ""}`);
    expect(calls).toEqual([
      `POST /v26.0/${graph.pageId}/photos false`,
      `POST /v26.0/${graph.pageId}/photos false`,
      `POST /v26.0/${graph.pageId}/photos false`,
      `POST /v26.0/${graph.pageId}/feed `,
    ]);
    const post = graph.posts.find((p) => outcome.kind === "published" && p.id === outcome.externalId);
    expect(post?.photoUrls).toEqual([photo(1).url, photo(2).url, photo(3).url]);
    expect(post?.published).toBe(true);
  });

  it("hands a post due more than 10 minutes ahead to Facebook's scheduler, and one due sooner publishes now", async () => {
    const at = new Date(Date.now() + 2 * 3600 * 1000);
    const later = await connector.publish(request({ scheduledAt: at, media: [photo(1), photo(2)] }));
    expect(later.kind).toBe("published");
    const scheduled = graph.posts.find((p) => later.kind === "published" && p.id === later.externalId);
    expect(scheduled).toMatchObject({
      published: false,
      scheduledPublishTime: Math.floor(at.getTime() / 1000),
    });
    if (later.kind === "published" && connector.lookup) {
      const status = await connector.lookup(request().connection, later.externalId);
      expect(status).toMatchObject({
        kind: "found",
        published: false,
        scheduledAt: new Date(Math.floor(at.getTime() / 1000) * 1000),
      });
    }

    const soon = await connector.publish(request({ scheduledAt: new Date(Date.now() + 5 * 60 * 1000) }));
    const now = graph.posts.find((p) => soon.kind === "published" && p.id === soon.externalId);
    expect(now).toMatchObject({ published: true, scheduledPublishTime: null });
  });

  it("looks up a post's status, and answers missing for a post that is not there", async () => {
    const outcome = await connector.publish(request());
    expect(outcome.kind).toBe("published");
    const lookup = connector.lookup;
    if (!lookup || outcome.kind !== "published") {
      throw new Error("the Facebook connector looks posts up");
    }
    expect(await lookup(request().connection, outcome.externalId)).toMatchObject({
      kind: "found",
      externalId: outcome.externalId,
      published: true,
    });
    expect(await lookup(request().connection, `${graph.pageId}_999999`)).toEqual({ kind: "missing" });
  });

  it("asks a person to reconnect when the token has expired or is not the page's", async () => {
    const before = graph.posts.length;
    graph.setMode("expired_token");
    const expired = await connector.publish(request());
    expect(expired).toEqual({
      kind: "needs_person",
      code: "token_expired",
      message: expect.stringContaining("Graph #190/463"),
    });
    expect(expired.kind !== "published" && expired.message).toContain("reconnect the channel");
    graph.setMode("ok");
    const wrong = await connector.publish(
      request({ connection: { ...request().connection, token: "EAAkhac" } }),
    );
    expect(wrong).toMatchObject({ kind: "needs_person", code: "token_expired" });
    expect(wrong.kind !== "published" && wrong.message).toContain("Graph #190");
    expect(graph.posts.length).toBe(before);
  });

  it("stops on refused content with Facebook's own words", async () => {
    graph.setMode("content_refused");
    const outcome = await connector.publish(request());
    expect(outcome).toMatchObject({ kind: "needs_person", code: "content_refused" });
    expect(outcome.kind !== "published" && outcome.message).toContain("Tiêu chuẩn cộng đồng");
  });

  it("retries after the time the rate-limit headers give, read from Graph's error codes and usage headers", async () => {
    graph.setMode("rate_limited");
    // estimated_time_to_regain_access is in minutes.
    expect(await connector.publish(request())).toEqual({
      kind: "retry",
      code: "rate_limited",
      message: expect.stringContaining("Graph #32"),
      retryAfterSeconds: 7 * 60,
    });
    graph.setMode("app_rate_limited");
    expect(await connector.publish(request())).toMatchObject({
      kind: "retry",
      code: "rate_limited",
      retryAfterSeconds: 10 * 60,
    });
    // A 429 with Retry-After is not how Graph throttles: without a Graph error code it is no rate limit.
    const proxy429 = classifyGraphAnswer({
      kind: "answer",
      status: 429,
      headers: new Headers({ "retry-after": "30" }),
      json: null,
      text: "slow down",
    });
    expect(proxy429).toMatchObject({ kind: "needs_person", code: "platform_error" });
    for (const code of [4, 17, 32, 613, 80001]) {
      const answer = classifyGraphAnswer({
        kind: "answer",
        status: 400,
        headers: new Headers(),
        json: { error: { code, message: "limit" } },
        text: "",
      });
      expect([code, answer.kind, answer.code]).toEqual([code, "retry", "rate_limited"]);
    }
  });

  it("waits and retries when Facebook blocks the page for a while (368), instead of calling the content refused", async () => {
    const before = graph.posts.length;
    graph.setMode("temporarily_blocked");
    expect(await connector.publish(request())).toMatchObject({
      kind: "retry",
      code: "temporarily_blocked",
      retryAfterSeconds: 3600,
    });
    expect(graph.posts.length).toBe(before);
  });

  it("asks for fewer posts when Graph says to reduce the amount of data, instead of repeating the same call", async () => {
    const req = request();
    const published = await connector.publish(req);
    graph.setMode("reduce_data");
    const before = graph.received.length;
    const found = await connector.findPublished(req, new Date(Date.now() - 60_000));
    expect(found?.externalId).toBe(published.kind === "published" ? published.externalId : "");
    const limits = graph.received.slice(before).map((r) => r.query.get("limit"));
    expect(limits).toEqual(["50", "10"]);
    const direct = classifyGraphAnswer({
      kind: "answer",
      status: 500,
      headers: new Headers(),
      json: {
        error: {
          code: 1,
          message: "Please reduce the amount of data you're asking for, then retry your request",
        },
      },
      text: "",
    });
    expect(direct).toMatchObject({ kind: "needs_person", code: "reduce_data" });
    const unknown = classifyGraphAnswer({
      kind: "answer",
      status: 500,
      headers: new Headers(),
      json: { error: { code: 1, message: "An unknown error occurred" } },
      text: "",
    });
    expect(unknown).toMatchObject({ kind: "retry", code: "platform_unavailable" });
  });

  it("never shows a response body that is not Graph's documented error, only our words and the status", async () => {
    const secret = "internal-admin-panel: root password hunter2";
    for (const [status, json, text] of [
      [500, null, `<html>${secret}</html>`],
      [400, { detail: secret }, JSON.stringify({ detail: secret })],
      [200, { error: { message: secret } }, ""],
    ] as const) {
      const outcome = classifyGraphAnswer({ kind: "answer", status, headers: new Headers(), json, text });
      expect(JSON.stringify(outcome)).not.toContain("hunter2");
      expect(outcome.message).toMatch(/\/ /);
    }
  });

  it("reads a Page token's validity, page and permissions from debug_token, and uses the current Graph version", async () => {
    expect(GRAPH_API_VERSION).toBe("v26.0");
    expect(graph.version).toBe(GRAPH_API_VERSION);
    expect(await checkPageToken(graph.baseUrl, graph.token, graph.pageId)).toEqual({
      kind: "ok",
      expiresAt: new Date(Math.floor(graph.tokenExpiresAt.getTime() / 1000) * 1000),
    });
    expect(await checkPageToken(graph.baseUrl, graph.token, "555")).toEqual({
      kind: "wrong_page",
      tokenPageId: graph.pageId,
    });
    expect(await checkPageToken(graph.baseUrl, "EAAkhac", graph.pageId)).toMatchObject({
      kind: "needs_person",
      code: "token_expired",
    });
    const narrow = await startFakeGraph({ scopes: ["pages_show_list", "pages_read_engagement"] });
    try {
      expect(await checkPageToken(narrow.baseUrl, narrow.token, narrow.pageId)).toEqual({
        kind: "missing_permissions",
        missing: ["pages_manage_posts"],
      });
      // And the fake enforces it the way Graph does: (#200) on posting without the permission.
      const refused = await connector.publish(
        request({ connection: { baseUrl: narrow.baseUrl, accountId: narrow.pageId, token: narrow.token } }),
      );
      expect(refused).toMatchObject({ kind: "needs_person", code: "permission_missing" });
      expect(narrow.posts).toHaveLength(0);
    } finally {
      await narrow.close();
    }
  });

  it("treats a token past its expiry as expired, at publish and at debug_token", async () => {
    const short = await startFakeGraph();
    try {
      short.expireToken();
      const connection = { baseUrl: short.baseUrl, accountId: short.pageId, token: short.token };
      expect(await connector.publish(request({ connection }))).toMatchObject({
        kind: "needs_person",
        code: "token_expired",
      });
      expect(await checkPageToken(short.baseUrl, short.token, short.pageId)).toMatchObject({
        code: "token_expired",
      });
    } finally {
      await short.close();
    }
  });

  it("retries a server error, an unreachable Graph and one that does not answer in time", async () => {
    graph.setMode("server_error");
    expect(await connector.publish(request())).toMatchObject({ kind: "retry" });

    graph.setMode("hang");
    const started = Date.now();
    expect(await connector.publish(request())).toMatchObject({ kind: "retry", code: "timeout" });
    expect(Date.now() - started).toBeLessThan(5000);
    graph.setMode("ok");

    const closed = await connector.publish(
      request({ connection: { ...request().connection, baseUrl: "http://127.0.0.1:9/v26.0" } }),
    );
    expect(closed).toMatchObject({ kind: "retry", code: "network" });
    expect(JSON.stringify(closed)).not.toContain(graph.token);
  });

  it("finds a post that reached the page before a crash, and nothing for one that did not", async () => {
    const since = new Date(Date.now() - 60_000);
    const req = request({ media: [photo(4)], linkUrl: "https://tantrao.gov.vn/tin/sau-su-co" });
    const published = await connector.publish(req);
    expect(published.kind).toBe("published");
    const found = await connector.findPublished(req, since);
    expect(found?.externalId).toBe(published.kind === "published" ? published.externalId : "");

    const seeded = graph.seedPost({
      message: "Bài đăng tay lúc sáng",
      createdTime: new Date(Date.now() - 30_000),
    });
    expect(await connector.findPublished(request({ body: "Bài đăng tay lúc sáng" }), since)).toMatchObject({
      externalId: seeded.id,
    });
    // Same words but long before this publish began: not ours.
    graph.seedPost({ message: "Tin cũ", createdTime: new Date(Date.now() - 48 * 3600 * 1000) });
    expect(await connector.findPublished(request({ body: "Tin cũ" }), since)).toBeNull();
    expect(await connector.findPublished(request(), since)).toBeNull();

    const scheduledReq = request({ scheduledAt: new Date(Date.now() + 3 * 3600 * 1000) });
    const scheduled = await connector.publish(scheduledReq);
    expect((await connector.findPublished(scheduledReq, since))?.externalId).toBe(
      scheduled.kind === "published" ? scheduled.externalId : "",
    );
  });

  it("says it cannot tell, rather than 'not there', when the lookup itself fails", async () => {
    graph.setMode("server_error");
    await expect(connector.findPublished(request(), new Date())).rejects.toBeInstanceOf(LookupFailedError);
  });
});
