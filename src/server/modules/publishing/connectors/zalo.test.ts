import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type FakeZaloOa, startFakeZaloOa } from "../../../../../test/fakes/zalo-oa.ts";
import { LookupFailedError, type MediaForPublish, type PublishRequest } from "./types.ts";
import { createZaloConnector } from "./zalo.ts";

let oa: FakeZaloOa;
beforeAll(async () => {
  oa = await startFakeZaloOa();
});
afterAll(async () => {
  await oa?.close();
});
afterEach(() => {
  oa.setMode("ok");
  oa.setProcessingCalls(0);
  oa.failVerification(null);
});

const connector = createZaloConnector({ timeoutMs: 1500, verifyAttempts: 3, verifyDelayMs: 10 });

function photo(n: number): MediaForPublish {
  return {
    id: `m${n}`,
    kind: "image",
    mime: "image/jpeg",
    url: `https://caunoi.example/media/zalo-${n}.jpg`,
    path: `/tmp/zalo-${n}.jpg`,
    altText: `Ảnh ${n}`,
  };
}

function request(overrides: Partial<PublishRequest> = {}): PublishRequest {
  return {
    variantId: crypto.randomUUID(),
    idempotencyKey: crypto.randomUUID(),
    connection: { baseUrl: oa.baseUrl, accountId: null, token: oa.token },
    title: `Thông báo lịch tiêm chủng tháng 12 ${crypto.randomUUID().slice(0, 6)}`,
    body: "<p>Trạm y tế phường thông báo lịch tiêm chủng mở rộng.</p><p>Người dân mang theo sổ tiêm.</p>",
    linkUrl: "https://phuong.gov.vn/tin/tiem-chung",
    media: [photo(1), photo(2)],
    scheduledAt: null,
    authorName: "Phường Bên Phải",
    ...overrides,
  };
}

describe("Zalo OA connector against the fake OA API", () => {
  it("creates one article with its cover, body pictures and link, then verifies it into an id and link", async () => {
    const before = oa.createCalls().length;
    const req = request();
    const outcome = await connector.publish(req);
    expect(oa.createCalls().length - before).toBe(1);
    const call = oa.createCalls().at(-1);
    expect(call?.headers.access_token).toBe(oa.token);
    expect(call?.json).toMatchObject({
      type: "normal",
      title: req.title,
      author: "Phường Bên Phải",
      cover: { cover_type: "photo", photo_url: photo(1).url, status: "show" },
      description: "Trạm y tế phường thông báo lịch tiêm chủng mở rộng. Người dân mang theo sổ tiêm.",
      status: "show",
      body: [
        { type: "text", content: expect.stringContaining('<a href="https://phuong.gov.vn/tin/tiem-chung">') },
        { type: "image", url: photo(2).url, caption: "Ảnh 2" },
      ],
    });
    const article = oa.articles.find((a) => a.title === req.title);
    expect(outcome).toEqual({
      kind: "published",
      externalId: article?.id,
      externalUrl: `https://zalo.me/oa/article/${article?.id}`,
    });
  });

  it("waits while Zalo processes the pictures, and keeps the creation token when it takes longer", async () => {
    oa.setProcessingCalls(2);
    const quick = await connector.publish(request());
    expect(quick).toMatchObject({ kind: "published", externalId: expect.not.stringMatching(/^token:/) });

    oa.setProcessingCalls(5);
    const before = oa.createCalls().length;
    const slow = await connector.publish(request());
    expect(oa.createCalls().length - before).toBe(1);
    expect(slow).toMatchObject({
      kind: "published",
      externalId: expect.stringMatching(/^token:/),
      externalUrl: null,
    });
    // Later the status lookup turns the token into the article.
    const lookup = connector.lookup;
    if (!lookup || slow.kind !== "published") {
      throw new Error("the Zalo connector looks articles up");
    }
    expect(await lookup(request().connection, slow.externalId)).toMatchObject({
      kind: "found",
      published: false,
    });
    await lookup(request().connection, slow.externalId);
    const done = await lookup(request().connection, slow.externalId);
    expect(done).toMatchObject({
      kind: "found",
      published: true,
      externalUrl: expect.stringContaining("zalo.me"),
    });
  });

  it("records an article whose verification fails as not published, with Zalo's reason, and lookup says so too", async () => {
    oa.failVerification({ error: -201, message: "Ảnh bìa chỉ hỗ trợ định dạng jpg, png" });
    const outcome = await connector.publish(request());
    expect(outcome).toMatchObject({ kind: "needs_person", code: "verification_failed" });
    expect(outcome.kind !== "published" && outcome.message).toContain("jpg, png");

    // Pending when publish gave up waiting, refused when asked later.
    oa.failVerification(null);
    oa.setProcessingCalls(5);
    const pending = await connector.publish(request());
    expect(pending).toMatchObject({ kind: "published", externalId: expect.stringMatching(/^token:/) });
    oa.setProcessingCalls(0);
    for (const article of oa.articles) {
      article.processingLeft = 0;
    }
    oa.failVerification({ error: -201, message: "Dung lượng ảnh bìa phải nhỏ hơn 1MB" });
    const later = await connector.lookup?.(
      request().connection,
      pending.kind === "published" ? pending.externalId : "",
    );
    expect(later).toMatchObject({ kind: "needs_person", code: "verification_failed" });
    expect(later?.kind === "needs_person" && later.message).toContain("1MB");
  });

  it("refuses to make an article without a cover picture, before calling Zalo", async () => {
    const before = oa.received.length;
    expect(await connector.publish(request({ media: [] }))).toMatchObject({
      kind: "needs_person",
      code: "cover_required",
    });
    expect(oa.received.length).toBe(before);
  });

  it("asks a person to reconnect for an invalid or expired token", async () => {
    const wrong = await connector.publish(request({ connection: { ...request().connection, token: "sai" } }));
    expect(wrong).toEqual({
      kind: "needs_person",
      code: "token_expired",
      message: expect.stringContaining("Zalo (#-216): “Access token is invalid”"),
    });
    oa.setMode("expired_token");
    expect(await connector.publish(request())).toEqual({
      kind: "needs_person",
      code: "token_expired",
      message: expect.stringContaining("Zalo (#-124)"),
    });
    oa.setMode("ok");
    // Access tokens expire by themselves after about 25 hours.
    const short = await startFakeZaloOa();
    try {
      short.expireToken();
      const connection = { baseUrl: short.baseUrl, accountId: null, token: short.token };
      expect(await connector.publish(request({ connection }))).toMatchObject({ code: "token_expired" });
    } finally {
      await short.close();
    }
  });

  it("stops on refused content and on the monthly quota with Zalo's words", async () => {
    oa.setMode("content_refused");
    expect(await connector.publish(request())).toEqual({
      kind: "needs_person",
      code: "content_refused",
      message: expect.stringContaining("Nội dung bài viết vi phạm chính sách nội dung của Zalo"),
    });
    oa.setMode("quota_exceeded");
    expect(await connector.publish(request())).toMatchObject({
      kind: "needs_person",
      code: "quota_exceeded",
    });
  });

  it("retries Zalo's rate-limit answer (-32 in a 200), a gateway error and a hung API", async () => {
    oa.setMode("rate_limited");
    const limited = await connector.publish(request());
    expect(limited).toMatchObject({ kind: "retry", code: "rate_limited" });
    expect(limited).not.toHaveProperty("retryAfterSeconds");
    oa.setMode("server_error");
    const gateway = await connector.publish(request());
    expect(gateway).toMatchObject({ kind: "retry", code: "server_error" });
    // The gateway's HTML page is never shown, only its status.
    expect(JSON.stringify(gateway)).not.toContain("Bad Gateway");
    expect(gateway.kind !== "published" && gateway.message).toContain("HTTP 502");
    oa.setMode("hang");
    expect(await connector.publish(request())).toMatchObject({ kind: "retry", code: "timeout" });
  });

  it("finds an article created before a crash by its title and time, and nothing otherwise", async () => {
    const since = new Date(Date.now() - 60_000);
    const req = request();
    const published = await connector.publish(req);
    expect(await connector.findPublished(req, since)).toEqual({
      externalId: published.kind === "published" ? published.externalId : "",
      externalUrl: expect.stringContaining("zalo.me"),
    });
    // Eleven newer articles push it to the second page of the list.
    for (let n = 0; n < 11; n++) {
      oa.seedArticle({ title: `Tin khác ${n}`, createDate: new Date(Date.now() + 1000 + n) });
    }
    expect((await connector.findPublished(req, since))?.externalId).toBe(
      published.kind === "published" ? published.externalId : "",
    );
    expect(await connector.findPublished(request(), since)).toBeNull();
    oa.seedArticle({ title: "Bài cũ cùng tiêu đề", createDate: new Date(Date.now() - 7 * 24 * 3600 * 1000) });
    expect(await connector.findPublished(request({ title: "Bài cũ cùng tiêu đề" }), since)).toBeNull();

    oa.setMode("server_error");
    await expect(connector.findPublished(req, since)).rejects.toBeInstanceOf(LookupFailedError);
  });
});
