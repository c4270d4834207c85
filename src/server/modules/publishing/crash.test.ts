/**
 * kill -9 at every stage of a publish. The real server runs as a child process (on PostgreSQL when
 * TEST_DATABASE_URL is set, else PGlite in a temporary DATA_DIR) against a fake Graph API and a
 * fake SMTP server. With CAUNOI_TEST_PAUSE_AT the server stops dead at one stage and says so on
 * stdout; the test kills it there with SIGKILL, starts it again on the same database, and checks
 * that the post reached the page exactly once, or, when its time is long past, that it is marked
 * failed and its people were told. Two more tests kill it mid-request, without the hook.
 */
import { randomBytes } from "node:crypto";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type FakeGraph, startFakeGraph } from "../../../../test/fakes/facebook-graph.ts";
import {
  type CrashWorld,
  crashWorld,
  dropCrashTemplate,
  killProcess,
  pauseAt,
  pausedLine,
  prepareCrashWorlds,
  type RunningServer,
  until,
} from "../../../../test/helpers/publishing-crash.ts";
import { readableMail, startSmtpServer } from "../../../../test/helpers/smtp.ts";
import type { CrashStage } from "./crash-pause.ts";

const secretKey = randomBytes(32);
const engine = process.env.TEST_DATABASE_URL ? "postgres" : "pglite";

let graph: FakeGraph;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let world: CrashWorld;
const figures: Record<string, string | number>[] = [];

beforeAll(async () => {
  graph = await startFakeGraph();
  smtp = await startSmtpServer();
  await prepareCrashWorlds();
}, 120_000);

afterAll(async () => {
  if (figures.length > 0) {
    console.log(`publishing kill -9 figures (${engine}):`);
    console.table(figures);
  }
  await graph?.close();
  await smtp?.close();
  await dropCrashTemplate();
});

beforeEach(async () => {
  graph.setMode("ok");
  world = await crashWorld({ graph, smtpUrl: smtp.url, secretKey });
}, 150_000);

afterEach(async () => {
  await world?.close();
}, 150_000);

const onPage = (message: string) => graph.posts.filter((post) => post.message.includes(message));
const callsFor = (message: string) =>
  graph.publishCalls().filter((call) => call.form?.get("message")?.includes(message));

type VariantState = {
  id: string;
  status: string;
  externalId: string | null;
  failure: { code: string; message: string } | null;
};

async function variantOf(postId: string): Promise<VariantState> {
  const post = await world.api<{ variants: VariantState[] }>(`/api/posts/${postId}`);
  return post.variants[0] as VariantState;
}

/** Starts the server to be killed at `stage`, waits until it is there, and kills it. */
async function killAt(stage: CrashStage, variantId: string): Promise<void> {
  const began = performance.now();
  const doomed = world.start(pauseAt(stage));
  await doomed.printed(pausedLine(stage, variantId), `the server to reach ${stage}`);
  await killProcess(doomed.child, "SIGKILL");
  console.log(`[crash] killed at ${stage} ${Math.round(performance.now() - began)} ms after start`);
}

/** Starts the server again and waits for the variant to end `status`, timing both. */
async function restartUntil(postId: string, status: "published" | "failed") {
  const began = performance.now();
  const server: RunningServer = world.start();
  await server.ready();
  const readyMs = performance.now() - began;
  const variant = await until(
    async () => {
      const current = await variantOf(postId);
      return current.status === status ? current : undefined;
    },
    `the variant to be ${status}`,
    90_000,
  ).catch(async (error: unknown) => {
    throw new Error(
      `${error}: it is ${JSON.stringify(await variantOf(postId))}; the server printed:\n${server.output()}`,
    );
  });
  return { server, variant, readyMs, settledMs: performance.now() - began };
}

function record(
  stage: string,
  outcome: string,
  timing: { readyMs: number; settledMs: number },
  message: string,
) {
  figures.push({
    stage,
    outcome,
    "restart→ready ms": Math.round(timing.readyMs),
    "restart→settled ms": Math.round(timing.settledMs),
    "posts on the fake": onPage(message).length,
    "publish calls": callsFor(message).length,
  });
}

type Transition = { from: string; to: string; details: Record<string, unknown> | null };

async function lastTransition(variantId: string) {
  const history = await world.api<{ items: Transition[] }>(`/api/variants/${variantId}/history`);
  return history.items.at(-1);
}

describe("kill -9 at each stage of a publish", () => {
  it("(a) after the job is fetched, before the claim: published once by the sweep, 3 min late", async () => {
    const message = `Lịch tiêm chủng ${randomBytes(3).toString("hex")}`;
    const { postId, variantId } = await world.approvedPostDueNow(message);
    await killAt("job_fetched", variantId);
    expect(callsFor(message)).toHaveLength(0);
    // The server stayed down three minutes: past the 2-minute grace, inside the 30-minute window.
    await world.moveScheduleBack(variantId, 3 * 60_000);

    const restarted = await restartUntil(postId, "published");
    expect(onPage(message)).toHaveLength(1);
    expect(callsFor(message)).toHaveLength(1);
    expect(restarted.variant.externalId).toBe(onPage(message)[0]?.id);
    expect(await lastTransition(variantId)).toMatchObject({ to: "published", details: { recovered: false } });
    record("job_fetched", "published (sweep)", restarted, message);
    await killProcess(restarted.server.child, "SIGTERM");
  }, 150_000);

  it("(a) after the job is fetched, down beyond the window: failed as a missed schedule, people mailed", async () => {
    const message = `Thông báo cắt điện ${randomBytes(3).toString("hex")}`;
    const { postId, variantId } = await world.approvedPostDueNow(message);
    await killAt("job_fetched", variantId);
    await world.moveScheduleBack(variantId, 40 * 60_000);

    const restarted = await restartUntil(postId, "failed");
    expect(restarted.variant.failure?.code).toBe("missed_schedule");
    expect(restarted.variant.failure?.message).toContain("missed schedule");
    expect(callsFor(message)).toHaveLength(0);
    for (const email of [world.authorEmail, world.approverEmail]) {
      // Sending the post for approval mailed the approver before; the missed schedule's mail is the one awaited.
      const mail = await until(
        () => smtp.inbox.find((m) => m.to.includes(email) && readableMail(m).includes("Lỡ giờ đăng")),
        `the missed-schedule mail to ${email}`,
      );
      const text = readableMail(mail);
      expect(text).toContain("chưa đăng được");
      expect(text).toContain(`/posts/${postId}`);
    }
    expect(await lastTransition(variantId)).toMatchObject({ from: "scheduled", to: "failed" });
    record("job_fetched (40 min down)", "failed: missed schedule + 2 mails", restarted, message);
    await killProcess(restarted.server.child, "SIGTERM");
  }, 150_000);

  it("(b) after the claim is committed, before the platform call: posted once after restart", async () => {
    const message = `Tin bão số 3 ${randomBytes(3).toString("hex")}`;
    const { postId, variantId } = await world.approvedPostDueNow(message);
    await killAt("claimed", variantId);
    expect(callsFor(message)).toHaveLength(0);

    const restarted = await restartUntil(postId, "published");
    expect(onPage(message)).toHaveLength(1);
    expect(callsFor(message)).toHaveLength(1);
    expect(restarted.variant.externalId).toBe(onPage(message)[0]?.id);
    expect(await lastTransition(variantId)).toMatchObject({ to: "published", details: { recovered: false } });
    record("claimed", "published (recovery)", restarted, message);
    await killProcess(restarted.server.child, "SIGTERM");
  }, 150_000);

  it("(c) after the platform answered, before the answer is stored: found, not posted again", async () => {
    const message = `Kết quả bầu cử ${randomBytes(3).toString("hex")}`;
    const { postId, variantId } = await world.approvedPostDueNow(message);
    await killAt("platform_answered", variantId);
    expect(onPage(message)).toHaveLength(1);

    const restarted = await restartUntil(postId, "published");
    expect(onPage(message)).toHaveLength(1);
    expect(callsFor(message)).toHaveLength(1);
    expect(restarted.variant.externalId).toBe(onPage(message)[0]?.id);
    expect(await lastTransition(variantId)).toMatchObject({ to: "published", details: { recovered: true } });
    record("platform_answered", "published (found on the page)", restarted, message);
    await killProcess(restarted.server.child, "SIGTERM");
  }, 150_000);
});

describe("kill -9 in the middle of the platform call (no hook)", () => {
  it("the page took the post but never answered: found after restart, not posted again", async () => {
    const message = `Tin khẩn ${randomBytes(3).toString("hex")}`;
    const { postId, variantId } = await world.approvedPostDueNow(message);
    graph.setMode("post_then_hang");
    const doomed = world.start();
    await until(() => (onPage(message).length > 0 ? true : undefined), "the post to reach Facebook");
    await killProcess(doomed.child, "SIGKILL");
    expect(callsFor(message)).toHaveLength(1);

    graph.setMode("ok");
    const restarted = await restartUntil(postId, "published");
    expect(restarted.variant.externalId).toBe(onPage(message)[0]?.id);
    expect(callsFor(message)).toHaveLength(1);
    expect(await lastTransition(variantId)).toMatchObject({ to: "published", details: { recovered: true } });
    record("mid-call, page has it", "published (found on the page)", restarted, message);
    await killProcess(restarted.server.child, "SIGTERM");
  }, 150_000);

  it("the platform had taken nothing: posted once after restart", async () => {
    const message = `Thông báo ${randomBytes(3).toString("hex")}`;
    const receivedBefore = graph.received.length;
    const { postId } = await world.approvedPostDueNow(message);
    graph.setMode("hang");
    const doomed = world.start();
    await until(
      () =>
        graph.received.slice(receivedBefore).some((r) => r.method === "POST" && r.path.endsWith("/feed"))
          ? true
          : undefined,
      "the publish call to start",
    );
    await killProcess(doomed.child, "SIGKILL");
    expect(onPage(message)).toHaveLength(0);

    graph.setMode("ok");
    const restarted = await restartUntil(postId, "published");
    expect(onPage(message)).toHaveLength(1);
    // The call cut off (taken by nothing) and the one after restart.
    expect(callsFor(message)).toHaveLength(2);
    record("mid-call, page has nothing", "published", restarted, message);
    await killProcess(restarted.server.child, "SIGTERM");
  }, 150_000);
});
