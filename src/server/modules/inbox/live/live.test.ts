import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually } from "../../../../../test/helpers/eventually.ts";
import {
  makeOrganisation,
  makePerson,
  type SessionClient,
  signInAs,
} from "../../../../../test/helpers/factories.ts";
import { createTestApp, type TestApp } from "../../../../../test/helpers/test-app.ts";
import { conversationListenerCount, publishConversationEvent } from "./bus.ts";
import { insertConversation } from "./live.test-helper.ts";
import { PresenceStore } from "./presence.ts";
import { liveHubs } from "./routes.ts";

let t: TestApp;
let port: number;
let org: Awaited<ReturnType<typeof makeOrganisation>>;
let leftOfficer: SessionClient;
let leftEditor: SessionClient;
let leftConversation: string;
let rightConversation: string;

beforeAll(async () => {
  t = await createTestApp();
  org = await makeOrganisation(t.db);
  const officer = await makePerson(t.db, {
    unitId: org.left.id,
    fullName: "Trần Thị Trực",
    roles: ["duty_officer"],
  });
  const editor = await makePerson(t.db, { unitId: org.left.id, fullName: "Lê Văn Biên", roles: ["editor"] });
  leftOfficer = await signInAs(t.app, officer.email ?? "");
  leftEditor = await signInAs(t.app, editor.email ?? "");
  leftConversation = await insertConversation(t.db, org.left.id, "psid-left");
  rightConversation = await insertConversation(t.db, org.right.id, "psid-right");
  await t.app.listen({ port: 0, host: "127.0.0.1" });
  const address = t.app.server.address();
  port = typeof address === "object" && address ? address.port : 0;
});
afterAll(async () => {
  await t?.close();
});

interface Frame {
  event: string;
  data: unknown;
}

/** Reads a real event stream over a socket, as a browser's EventSource would. */
async function openStream(client: SessionClient, query = "") {
  const controller = new AbortController();
  const response = await fetch(`http://127.0.0.1:${port}/api/inbox/stream${query}`, {
    headers: { cookie: client.cookie },
    signal: controller.signal,
  });
  let text = "";
  const reading = (async () => {
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) {
          return;
        }
        text += decoder.decode(value, { stream: true });
      }
    } catch {
      // Aborted by the test: the browser went away.
    }
  })();
  const frames = (): Frame[] =>
    text
      .split("\n\n")
      .map((block) => {
        const event = /^event: (.+)$/m.exec(block)?.[1];
        const data = /^data: (.+)$/m.exec(block)?.[1];
        return event && data ? { event, data: JSON.parse(data) as unknown } : null;
      })
      .filter((frame): frame is Frame => frame !== null);
  await eventually(() => frames().some((frame) => frame.event === "ready"), { what: "the stream to open" });
  return {
    response,
    frames,
    async close() {
      controller.abort();
      await reading;
    },
  };
}

describe("the inbox's live feed", () => {
  it("passes on a change to a conversation of my unit, and never one of a sibling unit", async () => {
    const stream = await openStream(leftOfficer);
    expect(stream.response.headers.get("content-type")).toMatch(/^text\/event-stream/);
    expect(stream.response.headers.get("x-accel-buffering")).toBe("no");
    expect(stream.response.headers.get("cache-control")).toContain("no-cache");

    publishConversationEvent({ id: rightConversation, unitId: org.right.id, reason: "message" });
    publishConversationEvent({ id: leftConversation, unitId: org.left.id, reason: "message" });
    await eventually(
      () =>
        stream
          .frames()
          .some(
            (frame) =>
              frame.event === "conversation" && (frame.data as { id: string }).id === leftConversation,
          ),
      { what: "the left conversation's event" },
    );
    // The sibling's event was published first; give it every chance to arrive before looking.
    publishConversationEvent({ id: leftConversation, unitId: org.left.id, reason: "status" });
    await eventually(() => stream.frames().filter((frame) => frame.event === "conversation").length >= 2, {
      what: "the second event",
    });
    const ids = stream
      .frames()
      .filter((frame) => frame.event === "conversation")
      .map((frame) => frame.data);
    expect(ids).toEqual([
      { id: leftConversation, unitId: org.left.id, reason: "message" },
      { id: leftConversation, unitId: org.left.id, reason: "status" },
    ]);
    await stream.close();
  });

  it("a province officer sees the sibling units' conversations below; a unit filter narrows it", async () => {
    const province = await makePerson(t.db, { unitId: org.root.id, roles: ["duty_officer"] });
    const client = await signInAs(t.app, province.email ?? "");
    const all = await openStream(client);
    const onlyRight = await openStream(client, `?unitId=${org.right.id}`);
    publishConversationEvent({ id: leftConversation, unitId: org.left.id, reason: "assigned" });
    publishConversationEvent({ id: rightConversation, unitId: org.right.id, reason: "assigned" });
    await eventually(() => all.frames().filter((frame) => frame.event === "conversation").length === 2, {
      what: "both events on the province's stream",
    });
    await eventually(() => onlyRight.frames().some((frame) => frame.event === "conversation"), {
      what: "the right unit's event",
    });
    expect(
      onlyRight
        .frames()
        .filter((frame) => frame.event === "conversation")
        .map((frame) => (frame.data as { id: string }).id),
    ).toEqual([rightConversation]);
    await all.close();
    await onlyRight.close();
  });

  it("tells the unit's inbox at once of a question asked on its portal", async () => {
    const stream = await openStream(leftOfficer);
    const asked = await t.app.inject({
      method: "POST",
      url: "/api/public/questions",
      payload: { unitId: org.left.id, email: "hoi@example.vn", text: "Xin hỏi lịch tiếp dân tuần này?" },
    });
    expect(asked.statusCode).toBe(201);
    await eventually(
      () =>
        stream
          .frames()
          .some(
            (frame) =>
              frame.event === "conversation" &&
              (frame.data as { unitId: string; id: string }).unitId === org.left.id &&
              (frame.data as { id: string }).id !== leftConversation,
          ),
      { what: "the new question's event" },
    );
    await stream.close();
  });

  it("refuses a unit filter outside my units", async () => {
    const response = await leftOfficer.request({
      method: "GET",
      url: `/api/inbox/stream?unitId=${org.right.id}`,
    });
    expect(response.statusCode).toBe(403);
  });

  it("many open streams share one listener, and closing them leaves none", async () => {
    const hub = liveHubs.get(t.app.server);
    const streams = await Promise.all(Array.from({ length: 12 }, () => openStream(leftOfficer)));
    expect(hub?.openStreams).toBe(12);
    expect(conversationListenerCount()).toBe(1);
    await Promise.all(streams.map((stream) => stream.close()));
    await eventually(() => hub?.openStreams === 0, { what: "the streams to be forgotten" });
    expect(conversationListenerCount()).toBe(0);
  });

  it("answers an in-process request (tests, ?once=1) with the opening and ends", async () => {
    const response = await leftOfficer.request({ method: "GET", url: "/api/inbox/stream" });
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toMatch(/^text\/event-stream/);
    expect(response.body).toContain("event: ready");
    const once = await fetch(`http://127.0.0.1:${port}/api/inbox/stream?once=1`, {
      headers: { cookie: leftOfficer.cookie },
    });
    expect(await once.text()).toContain("event: ready");
  });

  it("refuses a member without inbox rights", async () => {
    const member = await makePerson(t.db, { unitId: org.left.id, roles: ["member"] });
    const client = await signInAs(t.app, member.email ?? "");
    expect((await client.request({ method: "GET", url: "/api/inbox/stream" })).statusCode).toBe(403);
  });
});

describe("presence", () => {
  it("shows who else is looking at a conversation, live to the others", async () => {
    const stream = await openStream(leftEditor);
    const first = await leftOfficer.request({
      method: "POST",
      url: `/api/inbox/conversations/${leftConversation}/presence`,
      payload: { viewing: true },
    });
    expect(first.json()).toEqual({ viewers: [expect.objectContaining({ fullName: "Trần Thị Trực" })] });
    const second = await leftEditor.request({
      method: "POST",
      url: `/api/inbox/conversations/${leftConversation}/presence`,
      payload: { viewing: true },
    });
    expect(second.json().viewers.map((viewer: { fullName: string }) => viewer.fullName)).toEqual([
      "Lê Văn Biên",
      "Trần Thị Trực",
    ]);
    await eventually(
      () =>
        stream
          .frames()
          .some(
            (frame) =>
              frame.event === "presence" && (frame.data as { viewers: unknown[] }).viewers.length === 2,
          ),
      { what: "the presence event with both viewers" },
    );
    const left = await leftOfficer.request({
      method: "POST",
      url: `/api/inbox/conversations/${leftConversation}/presence`,
      payload: { viewing: false },
    });
    expect(left.json().viewers.map((viewer: { fullName: string }) => viewer.fullName)).toEqual([
      "Lê Văn Biên",
    ]);
    await stream.close();
  });

  it("refuses a conversation of a sibling unit", async () => {
    const response = await leftOfficer.request({
      method: "POST",
      url: `/api/inbox/conversations/${rightConversation}/presence`,
      payload: { viewing: true },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().code).toBe("inbox.conversation_forbidden");
  });

  it("forgets a viewer not heard from for 45 seconds, and says so", () => {
    let now = 1_000_000;
    const store = new PresenceStore(() => now);
    const units = { unitPath: "a", escalatedToUnitPath: null };
    store.mark("c1", units, { id: "p1", fullName: "An" }, true);
    now += 30_000;
    expect(store.mark("c1", units, { id: "p2", fullName: "Bình" }, true)).toHaveLength(2);
    now += 16_000;
    expect(store.viewersOf("c1")).toEqual([{ id: "p2", fullName: "Bình" }]);
    expect(store.sweep()).toEqual([
      { conversationId: "c1", units, viewers: [{ id: "p2", fullName: "Bình" }] },
    ]);
    now += 30_000;
    expect(store.sweep()).toEqual([{ conversationId: "c1", units, viewers: [] }]);
    expect(store.size).toBe(0);
  });
});
