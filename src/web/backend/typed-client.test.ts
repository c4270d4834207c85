import { afterEach, describe, expect, expectTypeOf, it, vi } from "vitest";
import { createTestApp } from "../../../test/helpers/test-app.ts";
import { advocacyEndpoints } from "../../shared/api/advocacy.ts";
import { authEndpoints } from "../../shared/api/auth.ts";
import { channelEndpoints } from "../../shared/api/channels.ts";
import { declarationEndpoints } from "../../shared/api/declarations.ts";
import { healthEndpoints } from "../../shared/api/health.ts";
import { mediaEndpoints } from "../../shared/api/media.ts";
import { orgEndpoints } from "../../shared/api/org.ts";
import { publishingEndpoints } from "../../shared/api/publishing.ts";
import { setCsrfToken } from "./client.ts";
import { api, type ResponseOf } from "./typed-client.ts";

/** Records what `fetch` was asked, and answers with `answer`. */
function stubFetch(answer: unknown, status = 200) {
  const calls: { url: string; init: RequestInit }[] = [];
  vi.stubGlobal("fetch", async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return new Response(JSON.stringify(answer), { status });
  });
  return calls;
}

function headersOf(call: { init: RequestInit } | undefined): Record<string, string> {
  return (call?.init.headers ?? {}) as Record<string, string>;
}

afterEach(() => {
  vi.unstubAllGlobals();
  setCsrfToken(null);
});

/**
 * Never called: each line must compile, or must fail to compile where marked, which `tsc --noEmit`
 * checks (it covers this file).
 */
function callsThatMustTypeCheck() {
  // A path that is no route of that method.
  // @ts-expect-error
  void api("GET", "/api/me/declaration");
  // @ts-expect-error
  void api("PUT", "/api/me/declarations/:id", { params: { id: "x" } });
  // A body of the wrong shape: `realName` is a boolean, and `consent` must be true.
  void api("PATCH", "/api/me/declarations/:id", {
    params: { id: "x" },
    // @ts-expect-error
    body: { realName: "yes" },
  });
  void api("POST", "/api/me/declarations", {
    body: {
      platform: "facebook_page",
      url: "u",
      displayName: "d",
      realName: true,
      // @ts-expect-error
      consent: false,
      purposeVersion: "1",
    },
  });
  // A route with a path parameter needs it.
  // @ts-expect-error
  void api("POST", "/api/declaration-alerts/:id/acknowledge");
  // A route without a body takes none.
  // @ts-expect-error
  void api("POST", "/api/me/declaration-requests/:id/respond", { params: { id: "x" }, body: {} });
  // A query filter outside the enum.
  // @ts-expect-error
  void api("GET", "/api/declarations", { query: { status: "deleted" } });

  // Dates arrive as ISO strings.
  expectTypeOf<
    ResponseOf<"GET", "/api/me/declarations">["items"][number]["createdAt"]
  >().toEqualTypeOf<string>();
  expectTypeOf<
    ResponseOf<"POST", "/api/declaration-alerts/:id/acknowledge">["acknowledgedAt"]
  >().toEqualTypeOf<string | null>();
}

describe("the typed API client", () => {
  it("type-checks paths, bodies and answers (see callsThatMustTypeCheck)", () => {
    expect(typeof callsThatMustTypeCheck).toBe("function");
  });

  it("fills the path parameters, leaves out empty query values and sends the CSRF header", async () => {
    const calls = stubFetch({ id: "a/b", acknowledgedAt: null });
    setCsrfToken("csrf-1");
    const answer = await api("POST", "/api/declaration-alerts/:id/acknowledge", { params: { id: "a/b" } });
    expect(answer).toEqual({ id: "a/b", acknowledgedAt: null });
    expect(calls[0]?.url).toBe("/api/declaration-alerts/a%2Fb/acknowledge");
    expect(calls[0]?.init.method).toBe("POST");
    expect(calls[0]?.init.body).toBeUndefined();
    expect(headersOf(calls[0])["x-csrf-token"]).toBe("csrf-1");

    await api("GET", "/api/declaration-alerts", { query: { open: undefined, page: 2, pageSize: 20 } });
    expect(calls[1]?.url).toBe("/api/declaration-alerts?page=2&pageSize=20");
  });

  it("sends the body as JSON and throws the server's problem as an ApiError", async () => {
    const calls = stubFetch(
      { code: "declarations.not_found", messages: { vi: "Không thấy", en: "Not found" } },
      404,
    );
    await expect(
      api("PATCH", "/api/me/declarations/:id", { params: { id: "d1" }, body: { displayName: "Trang" } }),
    ).rejects.toMatchObject({ status: 404, code: "declarations.not_found" });
    expect(calls[0]?.init.body).toBe(JSON.stringify({ displayName: "Trang" }));
    expect(headersOf(calls[0])["content-type"]).toBe("application/json");
  });

  it("names exactly the declarations routes the server serves", async () => {
    expect(Object.keys(declarationEndpoints).sort()).toEqual((await routesTagged("declarations")).sort());
  });
});

type OpenApiPaths = Record<string, Record<string, { tags?: string[] }>>;

/** The server's OpenAPI document, read once for the whole file: building the app takes seconds. */
let servedSpec: Promise<OpenApiPaths> | undefined;

function openApiPaths(): Promise<OpenApiPaths> {
  servedSpec ??= (async () => {
    const t = await createTestApp();
    try {
      return ((await t.app.inject({ method: "GET", url: "/docs/json" })).json() as { paths: OpenApiPaths })
        .paths;
    } finally {
      await t.close();
    }
  })();
  return servedSpec;
}

/** The routes the server's OpenAPI document lists under `tag`, as "METHOD /path/:param". */
async function routesTagged(tag: string): Promise<string[]> {
  return Object.entries(await openApiPaths()).flatMap(([path, operations]) =>
    Object.entries(operations)
      .filter(([, operation]) => operation.tags?.includes(tag))
      .map(([method]) => `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ":$1")}`),
  );
}

/** Never called, like callsThatMustTypeCheck: the media routes. */
function mediaCallsThatMustTypeCheck() {
  // The id is a path parameter, not a query value.
  // @ts-expect-error
  void api("GET", "/api/media/:id", { query: { id: "x" } });
  // Alt text is a string.
  // @ts-expect-error
  void api("PATCH", "/api/media/:id", { params: { id: "x" }, body: { altText: 5 } });
  // A kind outside the enum.
  // @ts-expect-error
  void api("GET", "/api/media", { query: { kind: "audio" } });
  // No route puts a whole item.
  // @ts-expect-error
  void api("PUT", "/api/media/:id", { params: { id: "x" } });

  expectTypeOf<ResponseOf<"GET", "/api/media">["items"][number]["createdAt"]>().toEqualTypeOf<string>();
  expectTypeOf<ResponseOf<"POST", "/api/me/media">["duplicate"]>().toEqualTypeOf<boolean>();
  expectTypeOf<ResponseOf<"DELETE", "/api/media/:id">["deleted"]>().toEqualTypeOf<true>();
}

describe("the typed API client for media", () => {
  it("type-checks media paths, bodies and answers (see mediaCallsThatMustTypeCheck)", () => {
    expect(typeof mediaCallsThatMustTypeCheck).toBe("function");
  });

  it("sends the alt text as the body of the item's address", async () => {
    const calls = stubFetch({ id: "m1" });
    await api("PATCH", "/api/media/:id", { params: { id: "m1" }, body: { altText: "Ảnh hội nghị" } });
    expect(calls[0]?.url).toBe("/api/media/m1");
    expect(calls[0]?.init.body).toBe(JSON.stringify({ altText: "Ảnh hội nghị" }));
  });

  it("names exactly the media routes the server serves", async () => {
    const served = await routesTagged("media");
    expect(Object.keys(mediaEndpoints).sort()).toEqual(served.sort());
  });
});

/** Never called, like callsThatMustTypeCheck: the org routes (units, people, roles, imports). */
function orgCallsThatMustTypeCheck() {
  // A unit's id is a path parameter.
  // @ts-expect-error
  void api("GET", "/api/units/:id");
  // A unit kind outside the enum.
  void api("PATCH", "/api/units/:id", {
    params: { id: "x" },
    // @ts-expect-error
    body: { kind: "ministry" },
  });
  // Moving needs the new parent.
  // @ts-expect-error
  void api("POST", "/api/units/:id/move", { params: { id: "x" }, body: {} });
  // Revoking a grant names both the person and the grant.
  // @ts-expect-error
  void api("DELETE", "/api/people/:id/roles/:grantId", { params: { id: "x" } });
  // A role or a person status outside the enum.
  // @ts-expect-error
  void api("GET", "/api/people", { query: { role: "owner" } });
  // @ts-expect-error
  void api("GET", "/api/people", { query: { status: "deleted" } });
  void api("POST", "/api/people/:id/roles", {
    params: { id: "x" },
    // @ts-expect-error
    body: { role: "owner", unitId: "u" },
  });
  // No route puts a whole person.
  // @ts-expect-error
  void api("PUT", "/api/people/:id", { params: { id: "x" } });

  expectTypeOf<ResponseOf<"GET", "/api/units">["items"][number]["endedAt"]>().toEqualTypeOf<string | null>();
  expectTypeOf<ResponseOf<"GET", "/api/units/:id">["history"][number]["validFrom"]>().toEqualTypeOf<string>();
  expectTypeOf<ResponseOf<"PATCH", "/api/people/:id">["pendingEmail"]>().toEqualTypeOf<{
    email: string;
    expiresAt: string;
  } | null>();
}

describe("the typed API client for org", () => {
  it("type-checks org paths, bodies and answers (see orgCallsThatMustTypeCheck)", () => {
    expect(typeof orgCallsThatMustTypeCheck).toBe("function");
  });

  it("fills both parameters of a grant's address", async () => {
    const calls = stubFetch({ items: [] });
    await api("DELETE", "/api/people/:id/roles/:grantId", { params: { id: "p1", grantId: "g1" } });
    expect(calls[0]?.url).toBe("/api/people/p1/roles/g1");
    expect(calls[0]?.init.method).toBe("DELETE");
  });

  it("names exactly the units, people and administrative-area routes the server serves", async () => {
    const served = [
      ...(await routesTagged("units")),
      ...(await routesTagged("people")),
      ...(await routesTagged("admin-areas")),
    ];
    expect(Object.keys(orgEndpoints).sort()).toEqual(served.sort());
  });
});

/** Never called, like callsThatMustTypeCheck: the advocacy routes. */
function advocacyCallsThatMustTypeCheck() {
  // Withdrawing takes no body, and names the kit.
  // @ts-expect-error
  void api("POST", "/api/share-kits/:id/withdraw", { params: { id: "x" }, body: {} });
  // @ts-expect-error
  void api("POST", "/api/share-kits/:id/withdraw");
  // A list filter outside the enum.
  // @ts-expect-error
  void api("GET", "/api/share-kits", { query: { status: "active" } });
  // A campaign goal is a number.
  // @ts-expect-error
  void api("PATCH", "/api/campaigns/:id", { params: { id: "x" }, body: { goalTarget: "10" } });
  // The ranking consent is put, not posted.
  // @ts-expect-error
  void api("POST", "/api/me/ranking-consent", { body: { optIn: false } });

  expectTypeOf<ResponseOf<"GET", "/api/share-kits/:id">["expiresAt"]>().toEqualTypeOf<string | null>();
  expectTypeOf<
    ResponseOf<"GET", "/api/campaigns/:id/followers">["items"][number]["followers"]
  >().toEqualTypeOf<number>();
}

describe("the typed API client for advocacy", () => {
  it("type-checks advocacy paths, bodies and answers (see advocacyCallsThatMustTypeCheck)", () => {
    expect(typeof advocacyCallsThatMustTypeCheck).toBe("function");
  });

  it("puts the action in the kit's address and sends no body", async () => {
    const calls = stubFetch({ id: "k1" });
    await api("POST", "/api/share-kits/:id/reinstate", { params: { id: "k1" } });
    expect(calls[0]?.url).toBe("/api/share-kits/k1/reinstate");
    expect(calls[0]?.init.body).toBeUndefined();
  });

  it("names exactly the advocacy routes the server serves", async () => {
    expect(Object.keys(advocacyEndpoints).sort()).toEqual((await routesTagged("advocacy")).sort());
  });
});

/** Never called, like callsThatMustTypeCheck: the channels routes. */
function channelCallsThatMustTypeCheck() {
  // A platform or a status outside the enum.
  // @ts-expect-error
  void api("GET", "/api/channels", { query: { platform: "myspace" } });
  void api("POST", "/api/channels/:id/status", {
    params: { id: "x" },
    // @ts-expect-error
    body: { status: "deleted" },
  });
  // Removing an entry needs a reason.
  // @ts-expect-error
  void api("POST", "/api/channels/:id/remove", { params: { id: "x" }, body: {} });
  // Verifying takes no body.
  // @ts-expect-error
  void api("POST", "/api/channels/:id/verify", { params: { id: "x" }, body: { ok: true } });

  expectTypeOf<ResponseOf<"GET", "/api/channels/:id">["history"][number]["at"]>().toEqualTypeOf<string>();
  expectTypeOf<ResponseOf<"POST", "/api/channels/:id/remove">["removed"]>().toEqualTypeOf<true>();
  expectTypeOf<ResponseOf<"GET", "/api/public/channels.csv">>().toEqualTypeOf<string>();
}

describe("the typed API client for channels", () => {
  it("type-checks channels paths, bodies and answers (see channelCallsThatMustTypeCheck)", () => {
    expect(typeof channelCallsThatMustTypeCheck).toBe("function");
  });

  it("names exactly the channels routes the server serves", async () => {
    // A channel's publishing connection is served by the publishing module under the same tag.
    const served = (await routesTagged("channels")).filter((route) => !route.endsWith("/:id/connection"));
    expect(Object.keys(channelEndpoints).sort()).toEqual(served.sort());
  });
});

/** Never called, like callsThatMustTypeCheck: the publishing routes (posts, variants, stories, policy). */
function publishingCallsThatMustTypeCheck() {
  // A post needs its unit.
  // @ts-expect-error
  void api("POST", "/api/posts", { body: { title: "x" } });
  // A status filter outside the enum.
  // @ts-expect-error
  void api("GET", "/api/posts", { query: { status: "archived" } });
  // A rejection needs its reason.
  // @ts-expect-error
  void api("POST", "/api/variants/:id/reject", { params: { id: "x" }, body: {} });
  // Approving takes only an optional comment.
  // @ts-expect-error
  void api("POST", "/api/variants/:id/approve", { params: { id: "x" }, body: { level: 2 } });
  // A variant's history is read by its id.
  // @ts-expect-error
  void api("GET", "/api/variants/:id/history");
  // A connection names no API address.
  void api("PUT", "/api/channels/:id/connection", {
    params: { id: "x" },
    // @ts-expect-error
    body: { token: "t", baseUrl: 1 },
  });

  expectTypeOf<ResponseOf<"GET", "/api/posts/:id">["variants"][number]["scheduledAt"]>().toEqualTypeOf<
    string | null
  >();
  expectTypeOf<ResponseOf<"GET", "/api/me/stories">["items"][number]["stage"]>().toEqualTypeOf<
    "received" | "in_review" | "approved" | "scheduled" | "published"
  >();
  expectTypeOf<ResponseOf<"DELETE", "/api/channels/:id/connection">>().toEqualTypeOf<null>();
}

describe("the typed API client for publishing", () => {
  it("type-checks publishing paths, bodies and answers (see publishingCallsThatMustTypeCheck)", () => {
    expect(typeof publishingCallsThatMustTypeCheck).toBe("function");
  });

  it("sends a schedule's instant as the body of the variant's address", async () => {
    const calls = stubFetch({ id: "v1" });
    await api("POST", "/api/variants/:id/schedule", {
      params: { id: "v1" },
      body: { at: "2026-12-24T08:00:00.000Z" },
    });
    expect(calls[0]?.url).toBe("/api/variants/v1/schedule");
    expect(calls[0]?.init.body).toBe(JSON.stringify({ at: "2026-12-24T08:00:00.000Z" }));
  });

  it("names exactly the publishing routes the server serves, and a channel's connection", async () => {
    // A post's share card is drawn by the share-cards module under the same tag; the web links to it.
    const served = [
      // Not called by the web: the share card is an image, and the platform-sized copies of library
      // pictures are fetched by the platforms.
      ...(await routesTagged("publishing")).filter(
        (route) => route !== "GET /api/posts/:id/share-card.png" && route !== "GET /media-renditions/:file",
      ),
      ...(await routesTagged("channels")).filter((route) => route.endsWith("/:id/connection")),
    ];
    expect(Object.keys(publishingEndpoints).sort()).toEqual(served.sort());
  });
});

/** Never called, like callsThatMustTypeCheck: the auth, role policy and audit routes. */
function authCallsThatMustTypeCheck() {
  // Signing in needs both the e-mail and the password.
  // @ts-expect-error
  void api("POST", "/api/auth/sign-in", { body: { email: "a@b.vn" } });
  // Revoking a token names it.
  // @ts-expect-error
  void api("DELETE", "/api/auth/tokens/:tokenId");
  // A role policy is set for a role that exists.
  void api("PUT", "/api/settings/role-policies/:role", {
    // @ts-expect-error
    params: { role: "superuser" },
    body: { requireTotp: true },
  });
  // Setting up two-factor takes no body.
  // @ts-expect-error
  void api("POST", "/api/auth/totp/setup", { body: { code: "123456" } });

  expectTypeOf<ResponseOf<"GET", "/api/auth/tokens">["items"][number]["lastUsedAt"]>().toEqualTypeOf<
    string | null
  >();
  expectTypeOf<ResponseOf<"GET", "/api/audit">["items"][number]["at"]>().toEqualTypeOf<string>();
  expectTypeOf<ResponseOf<"POST", "/api/auth/sign-in">["stage"]>().toEqualTypeOf<
    "active" | "totp_required"
  >();
}

describe("the typed API client for auth", () => {
  it("type-checks auth paths, bodies and answers (see authCallsThatMustTypeCheck)", () => {
    expect(typeof authCallsThatMustTypeCheck).toBe("function");
  });

  it("names exactly the auth, role policy and audit routes the server serves", async () => {
    const served = [
      ...(await routesTagged("auth")),
      ...(await routesTagged("audit")),
      ...(await routesTagged("settings")).filter((route) => route.includes("/api/settings/role-policies")),
    ];
    expect(Object.keys(authEndpoints).sort()).toEqual(served.sort());
  });
});

describe("the health contract", () => {
  it("names exactly the health routes the server serves", async () => {
    expect(Object.keys(healthEndpoints).sort()).toEqual((await routesTagged("health")).sort());
  });
});
