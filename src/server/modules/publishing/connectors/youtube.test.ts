import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type FakeYoutube, startFakeYoutube } from "../../../../../test/fakes/youtube-data.ts";
import type { PublishRequest } from "./types.ts";
import { fetchChannelStatistics, youtubeConnector } from "./youtube.ts";

let yt: FakeYoutube;
beforeAll(async () => {
  yt = await startFakeYoutube();
  yt.channels.set("UCtinhdoan", {
    id: "UCtinhdoan",
    subscribers: 33_000,
    hidden: false,
    views: 4_125_000_000,
    videos: 812,
  });
  yt.channels.set("UCkin", { id: "UCkin", subscribers: 10, hidden: true, views: 90, videos: 3 });
});
afterAll(async () => {
  await yt?.close();
});
afterEach(() => {
  yt.setMode("ok");
});

const connection = (accountId = "UCtinhdoan", token: string | null = null) => ({
  baseUrl: yt.baseUrl,
  accountId,
  token: token ?? yt.apiKey,
});

describe("YouTube connector against the fake Data API", () => {
  it("reads subscribers, views and videos, counts beyond 2^31 included", async () => {
    expect(await fetchChannelStatistics(connection())).toMatchObject({
      kind: "statistics",
      channelId: "UCtinhdoan",
      subscribers: 33_000,
      views: 4_125_000_000,
      videos: 812,
    });
    const request = yt.received.at(-1);
    expect(request?.query.get("part")).toBe("statistics");
    expect(request?.query.get("id")).toBe("UCtinhdoan");
  });

  it("shows a hidden subscriber count as unknown, not zero", async () => {
    expect(await fetchChannelStatistics(connection("UCkin"))).toMatchObject({
      subscribers: null,
      views: 90,
      videos: 3,
    });
  });

  it("says which channel YouTube does not know, and asks for a new key when the key is refused", async () => {
    expect(await fetchChannelStatistics(connection("UCkhongco"))).toMatchObject({
      kind: "needs_person",
      code: "channel_not_found",
    });
    expect(await fetchChannelStatistics(connection("UCtinhdoan", "AIzaSai"))).toEqual({
      kind: "needs_person",
      code: "token_expired",
      message: "API key not valid. Please pass a valid API key.",
    });
  });

  it("waits for the daily quota reset, retries rate limits, server errors and a hung API", async () => {
    yt.setMode("quota_exceeded");
    const quota = await fetchChannelStatistics(connection(), {
      // 21:00 in California: the quota comes back in three hours.
      now: () => new Date("2026-07-01T04:00:00Z"),
    });
    expect(quota).toEqual({
      kind: "retry",
      code: "quota_exceeded",
      message: "The request cannot be completed because you have exceeded your quota.",
      retryAfterSeconds: 3 * 3600,
    });
    yt.setMode("rate_limited");
    const limited = await fetchChannelStatistics(connection());
    expect(limited).toMatchObject({ kind: "retry", code: "rate_limited" });
    expect(limited).not.toHaveProperty("retryAfterSeconds");
    yt.setMode("server_error");
    expect(await fetchChannelStatistics(connection())).toMatchObject({ kind: "retry", code: "server_error" });
    yt.setMode("hang");
    expect(await fetchChannelStatistics(connection(), { timeoutMs: 500 })).toMatchObject({
      kind: "retry",
      code: "timeout",
    });
  });

  it("never publishes: a YouTube variant goes to a person, in both languages", async () => {
    const before = yt.received.length;
    const request = { connection: connection() } as PublishRequest;
    const outcome = await youtubeConnector.publish(request);
    expect(outcome).toMatchObject({ kind: "needs_person", code: "manual_upload" });
    expect(outcome.kind !== "published" && outcome.message).toMatch(/tải lên bằng tay.*uploaded by hand/);
    expect(await youtubeConnector.findPublished(request, new Date())).toBeNull();
    expect(yt.received.length).toBe(before);
  });
});
