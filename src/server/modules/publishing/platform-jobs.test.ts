import { randomBytes } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type FakeYoutube, startFakeYoutube } from "../../../../test/fakes/youtube-data.ts";
import { type FakeZaloOa, startFakeZaloOa } from "../../../../test/fakes/zalo-oa.ts";
import { eventually } from "../../../../test/helpers/eventually.ts";
import { makeOrganisation } from "../../../../test/helpers/factories.ts";
import { createTestApp, type TestApp } from "../../../../test/helpers/test-app.ts";
import { channelConnections, posts, postVariants, variantTransitions } from "../../db/schema/index.ts";
import { getChannel, getChannelHistory, registerChannel } from "../channels/service.ts";
import { renewDueZaloTokens, renewZaloToken } from "./connection-renewal.ts";
import { connectionForPublish, saveConnection } from "./connections.ts";
import { createZaloConnector } from "./connectors/zalo.ts";
import {
  refreshYoutubeStatistics,
  resolvePendingZaloArticles,
  YOUTUBE_STATS_JOB,
  ZALO_VERIFY_GIVE_UP_MS,
  ZALO_VERIFY_JOB,
} from "./platform-jobs.ts";

let t: TestApp;
let zalo: FakeZaloOa;
let youtube: FakeYoutube;
let org: Awaited<ReturnType<typeof makeOrganisation>>;
beforeAll(async () => {
  zalo = await startFakeZaloOa();
  youtube = await startFakeYoutube();
  t = await createTestApp({
    env: {
      CAUNOI_ZALO_API_URL: zalo.origin,
      CAUNOI_ZALO_OAUTH_URL: zalo.origin,
      CAUNOI_YOUTUBE_API_URL: youtube.origin,
    },
  });
  org = await makeOrganisation(t.db);
});
afterAll(async () => {
  await t?.close();
  await zalo?.close();
  await youtube?.close();
});
afterEach(() => {
  zalo.failVerification(null);
});

const system = () => ({ db: t.db, actor: null, ip: null });
const options = () => ({ secretKey: t.app.deps.config.secretKey(), apis: t.app.deps.config.platformApis });
const inMinutes = (minutes: number) => new Date(Date.now() + minutes * 60_000);

async function zaloChannel(extra: { tokenExpiresAt?: Date; refreshToken?: string } = {}) {
  const channel = await registerChannel(system(), {
    unitId: org.left.id,
    platform: "zalo_oa",
    url: `https://zalo.me/${Date.now()}${Math.floor(Math.random() * 1000)}`,
    displayName: "Zalo OA xã",
  });
  await saveConnection(system(), options(), {
    channelId: channel.id,
    token: zalo.token,
    tokenExpiresAt: extra.tokenExpiresAt ?? inMinutes(30),
    refreshToken: extra.refreshToken ?? zalo.refreshToken,
    appId: zalo.appId,
    appSecret: zalo.appSecret,
  });
  return channel;
}

async function connection(channelId: string) {
  const [row] = await t.db
    .select()
    .from(channelConnections)
    .where(eq(channelConnections.channelId, channelId));
  return row;
}

describe("Zalo OA token renewal", () => {
  it("renews a token close to expiry through OAuth v4 before publishing, stores the new pair sealed, and not twice", async () => {
    const channel = await zaloChannel();
    const oldToken = zalo.token;
    const calls = zalo.renewCalls().length;
    const forPublish = await connectionForPublish(t.db, channel.id, options());
    expect(zalo.renewCalls().length - calls).toBe(1);
    const call = zalo.renewCalls().at(-1);
    expect(call?.headers.secret_key).toBe(zalo.appSecret);
    expect(call?.form?.get("grant_type")).toBe("refresh_token");
    expect(call?.form?.get("app_id")).toBe(zalo.appId);
    expect(forPublish?.token).toBe(zalo.token);
    expect(forPublish?.token).not.toBe(oldToken);
    const row = await connection(channel.id);
    expect(row?.tokenExpiresAt?.getTime()).toBeGreaterThan(Date.now() + 24 * 3600 * 1000);
    expect(row?.refreshTokenSealed).not.toContain(zalo.refreshToken);
    expect(row?.appSecretSealed).not.toContain(zalo.appSecret);
    // Fresh now: the next publish does not renew.
    await connectionForPublish(t.db, channel.id, options());
    expect(zalo.renewCalls().length - calls).toBe(1);
    // The stored refresh token is the new one: a forced renewal works.
    expect(await renewZaloToken(t.db, channel.id, options(), { force: true })).toBe("renewed");
  });

  it("spends the single-use refresh token exactly once when several processes renew at the same time", async () => {
    const channel = await zaloChannel({ tokenExpiresAt: inMinutes(5) });
    const calls = zalo.renewCalls().length;
    const results = await Promise.all(
      Array.from({ length: 4 }, () => renewZaloToken(t.db, channel.id, options())),
    );
    expect(results.sort()).toEqual(["not_needed", "not_needed", "not_needed", "renewed"]);
    expect(zalo.renewCalls().length - calls).toBe(1);
    expect(await connection(channel.id)).toMatchObject({ status: "connected" });
    expect((await connectionForPublish(t.db, channel.id, options()))?.token).toBe(zalo.token);
  });

  it("marks the channel for reconnecting only when Zalo refuses the renewal, not when it cannot be reached", async () => {
    const unreachable = await zaloChannel({ tokenExpiresAt: inMinutes(5) });
    const offline = {
      ...options(),
      apis: { ...options().apis, zaloOauth: "http://127.0.0.1:9" },
      timeoutMs: 1000,
    };
    expect(await renewZaloToken(t.db, unreachable.id, offline)).toBe("unreachable");
    expect(await connection(unreachable.id)).toMatchObject({ status: "connected", statusReason: null });

    const spent = await zaloChannel({ tokenExpiresAt: inMinutes(5), refreshToken: "zrt-already-used" });
    const forPublish = await connectionForPublish(t.db, spent.id, options());
    expect(forPublish?.status).toBe("needs_reconnect");
    expect(await connection(spent.id)).toMatchObject({
      status: "needs_reconnect",
      statusReason: "renewal_refused",
    });
  });

  it("renews, in the periodic sweep, the tokens that expire within three hours and leaves the others", async () => {
    // One fake OA has one refresh token at a time: the other tests' channels are put aside.
    await t.db.delete(channelConnections).where(eq(channelConnections.connector, "zalo_oa"));
    const soon = await zaloChannel({ tokenExpiresAt: inMinutes(120) });
    const later = await zaloChannel({ tokenExpiresAt: inMinutes(20 * 60) });
    const laterBefore = await connection(later.id);
    const counts = await renewDueZaloTokens(t.db, options());
    expect(counts.renewed).toBeGreaterThanOrEqual(1);
    expect((await connection(soon.id))?.tokenExpiresAt?.getTime()).toBeGreaterThan(
      Date.now() + 24 * 3600 * 1000,
    );
    expect((await connection(later.id))?.tokenSealed).toBe(laterBefore?.tokenSealed);
  });
});

describe("pending Zalo articles", () => {
  async function publishedVariant(channelId: string, externalId: string, publishedAt = new Date()) {
    const [post] = await t.db
      .insert(posts)
      .values({
        unitId: org.left.id,
        title: "Thông báo",
        slug: `thong-bao-${randomBytes(3).toString("hex")}`,
        authorId: org.leftAdmin.id,
      })
      .returning();
    const [variant] = await t.db
      .insert(postVariants)
      .values({
        postId: post?.id ?? "",
        target: "zalo_oa",
        channelId,
        body: "<p>Thông báo</p>",
        status: "published",
        publishedAt,
        externalId,
      })
      .returning();
    return variant?.id ?? "";
  }

  const variant = async (id: string) =>
    (await t.db.select().from(postVariants).where(eq(postVariants.id, id)))[0];

  it("turns a creation token into the article, records a refused verification as not published, and gives up after a day", async () => {
    const channel = await zaloChannel({ tokenExpiresAt: inMinutes(48 * 60) });
    const verified = zalo.seedArticle({ title: "Đã xử lý xong" });
    const refused = zalo.seedArticle({ title: "Ảnh bìa WebP" });
    refused.processingLeft = 1_000;
    const slow = zalo.seedArticle({ title: "Còn đang xử lý" });
    slow.processingLeft = 1_000;
    const stale = zalo.seedArticle({ title: "Xử lý mãi không xong" });
    stale.processingLeft = 1_000;
    const ids = {
      verified: await publishedVariant(channel.id, `token:${verified.token}`),
      refused: await publishedVariant(channel.id, `token:${refused.token}`),
      slow: await publishedVariant(channel.id, `token:${slow.token}`),
      stale: await publishedVariant(
        channel.id,
        `token:${stale.token}`,
        new Date(Date.now() - ZALO_VERIFY_GIVE_UP_MS - 60_000),
      ),
    };
    const deps = {
      db: t.db,
      zalo: createZaloConnector({ timeoutMs: 2000 }),
      options: options(),
      jobs: t.jobs,
      publicUrl: "http://caunoi.test",
    };

    // The first sweep resolves the verified one.
    const first = await resolvePendingZaloArticles(deps);
    expect(first.resolved).toBeGreaterThanOrEqual(1);
    expect(await variant(ids.verified)).toMatchObject({
      status: "published",
      externalId: verified.id,
      externalUrl: `https://zalo.me/oa/article/${verified.id}`,
    });

    expect(await variant(ids.refused)).toMatchObject({
      status: "published",
      externalId: `token:${refused.token}`,
    });
    refused.processingLeft = 0;
    zalo.failVerification({ error: -201, message: "Ảnh bìa chỉ hỗ trợ định dạng jpg, png" });
    await resolvePendingZaloArticles(deps);
    const notPublished = await variant(ids.refused);
    expect(notPublished).toMatchObject({ status: "failed", externalId: null });
    expect(notPublished?.failure).toMatchObject({ code: "verification_failed", needsPerson: true });
    expect(notPublished?.failure?.message).toContain("jpg, png");
    const transitions = await t.db
      .select()
      .from(variantTransitions)
      .where(and(eq(variantTransitions.variantId, ids.refused), eq(variantTransitions.toStatus, "failed")));
    expect(transitions).toMatchObject([{ fromStatus: "published" }]);
    // The author learns it, with Zalo's reason.
    const mail = await eventually(
      () =>
        t.outbox.find((sent) => sent.to === org.leftAdmin.email && String(sent.text).includes("jpg, png")),
      { what: "the mail telling the author Zalo refused the picture" },
    );
    expect(mail.subject).toContain("Zalo OA");
    expect(mail.text).toContain("http://caunoi.test/posts/");
    zalo.failVerification(null);

    // Still processing: waits; processing for more than a day: not published.
    await resolvePendingZaloArticles(deps);
    expect(await variant(ids.slow)).toMatchObject({ status: "published", externalId: `token:${slow.token}` });
    expect(await variant(ids.stale)).toMatchObject({ status: "failed" });
    expect((await variant(ids.stale))?.failure).toMatchObject({ code: "verification_timeout" });
  });

  it("runs every minute, with token renewal every 30 minutes and YouTube statistics every 6 hours, as pg-boss schedules", async () => {
    const schedules = await t.jobs.boss.getSchedules();
    const byName = Object.fromEntries(schedules.map((schedule) => [schedule.name, schedule.cron]));
    expect(byName).toMatchObject({
      [ZALO_VERIFY_JOB]: "* * * * *",
      "publishing.zalo-token-renew": "*/30 * * * *",
      [YOUTUBE_STATS_JOB]: "0 */6 * * *",
    });
  });
});

describe("YouTube channel statistics", () => {
  it("stores each connected channel's subscriber count on the registry channel, and asks for a new key when it is revoked", async () => {
    youtube.channels.set("UCxaphuong", {
      id: "UCxaphuong",
      subscribers: 12_345,
      hidden: false,
      views: 9,
      videos: 2,
    });
    const channel = await registerChannel(system(), {
      unitId: org.left.id,
      platform: "youtube",
      url: `https://www.youtube.com/@kenh${randomBytes(3).toString("hex")}`,
      displayName: "Kênh YouTube xã",
    });
    await saveConnection(system(), options(), {
      channelId: channel.id,
      token: youtube.apiKey,
      accountId: "UCxaphuong",
    });
    const sweep = await refreshYoutubeStatistics({ db: t.db, options: options() });
    expect(sweep).toMatchObject({ stored: 1, failed: 0 });
    expect(await getChannel(t.db, channel.id)).toMatchObject({ followerCount: 12_345 });
    expect((await getChannel(t.db, channel.id)).followersCountedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // The same figure on the same day is not another registry change.
    const history = async () => (await getChannelHistory(t.db, channel.id)).length;
    const changes = await history();
    await refreshYoutubeStatistics({ db: t.db, options: options() });
    expect(await history()).toBe(changes);

    youtube.revokeKey();
    expect(await refreshYoutubeStatistics({ db: t.db, options: options() })).toMatchObject({ failed: 1 });
    expect(await connection(channel.id)).toMatchObject({
      status: "needs_reconnect",
      statusReason: "token_expired",
    });
  });
});
