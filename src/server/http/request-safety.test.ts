import { connect } from "node:net";
import Fastify from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  makeOrganisation,
  makePerson,
  type SessionClient,
  signInAs,
} from "../../../test/helpers/factories.ts";
import { createTestApp, type TestApp } from "../../../test/helpers/test-app.ts";
import { registerErrorHandling } from "./errors.ts";

/*
 * Findings 12 and 15 of the security review: a NUL byte in a query or body field reached PostgreSQL
 * and came back as a 500 on 15 routes; the HTTP layer's own refusals (414, 431) were plain JSON.
 */

let t: TestApp;
let admin: SessionClient;
let unitId = "";
let port = 0;

/** Sends raw bytes and returns the whole answer as text (the server closes after refusing). */
function rawRequest(bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1");
    let answer = "";
    socket.on("data", (chunk) => {
      answer += chunk.toString("utf8");
    });
    socket.on("close", () => resolve(answer));
    socket.on("error", (error) => (answer ? resolve(answer) : reject(error)));
    socket.write(bytes);
  });
}

beforeAll(async () => {
  t = await createTestApp();
  const org = await makeOrganisation(t.db);
  unitId = org.root.id;
  admin = await signInAs(t.app, (await makePerson(t.db, { unitId, roles: ["administrator"] })).email ?? "");
  await t.app.listen({ port: 0, host: "127.0.0.1" });
  const address = t.app.server.address();
  port = typeof address === "object" && address ? address.port : 0;
});
afterAll(async () => {
  await t?.close();
});

describe("a NUL character", () => {
  it("in a body field is refused with 400 problem+json, before any query", async () => {
    const signIn = await t.app.inject({
      method: "POST",
      url: "/api/auth/sign-in",
      payload: { email: "a\u0000@example.vn", password: "x" },
    });
    expect(signIn.statusCode).toBe(400);
    expect(signIn.headers["content-type"]).toContain("application/problem+json");
    expect(signIn.json().code).toBe("validation.nul_byte");
    const unit = await admin.request({
      method: "POST",
      url: "/api/units",
      payload: { name: "Xã\u0000Mới", kind: "commune", parentId: unitId },
    });
    expect(unit.statusCode).toBe(400);
    expect(unit.json().messages.vi).toContain("Vui lòng");
  });

  it("in a query string is refused in words that name the search, not 'the submitted data'", async () => {
    for (const url of [
      "/api/public/channels/lookup?url=https://a.vn/%00",
      "/api/people?q=%00",
      "/api/channels?q=%00x",
      `/api/units?q=${encodeURIComponent("Tân\u0000")}`,
    ]) {
      const response = await admin.request({ method: "GET", url });
      expect({ url, status: response.statusCode }).toEqual({ url, status: 400 });
      expect(response.headers["content-type"]).toContain("application/problem+json");
      const { messages } = response.json();
      expect(messages.vi).toContain("Nội dung tìm kiếm hoặc bộ lọc có một ký tự không dùng để tìm được");
      expect(messages.en).toContain("contains a character that cannot be searched for");
      expect(`${messages.vi} ${messages.en}`).not.toMatch(/thử lại|try again/i);
    }
  });

  it("in a path names nothing, so it is not found rather than invalid", async () => {
    for (const url of ["/api/units/%00", "/api/posts/a%00b/versions"]) {
      const response = await admin.request({ method: "GET", url });
      expect({ url, status: response.statusCode }).toEqual({ url, status: 404 });
      expect(response.json().messages.vi).toBe(
        "Không tìm thấy nội dung này: có thể đã bị xóa, hoặc địa chỉ không đúng.",
      );
    }
  });

  it("in a page's address still opens the web app, whose page then speaks for itself", async () => {
    // The test app has no built web app to serve, so the same error handling is given a shell.
    const shell = Fastify();
    registerErrorHandling(shell, { spaIndexHtml: "<!doctype html><title>Cầu Nối</title>" });
    try {
      for (const url of ["/people?q=%00", "/channels?q=%00x", "/units/%00"]) {
        const response = await shell.inject({ method: "GET", url, headers: { accept: "text/html" } });
        expect({ url, status: response.statusCode }).toEqual({ url, status: 200 });
        expect(response.body).toBe("<!doctype html><title>Cầu Nối</title>");
      }
      // An address that is neither a page nor a route is still a 404, not a NUL refusal.
      const api = await shell.inject({ method: "GET", url: "/api/nothing?q=%00" });
      expect(api.statusCode).toBe(404);
    } finally {
      await shell.close();
    }
  });

  it("in a public page's address answers that page's own not-found page, not a 500", async () => {
    const response = await t.app.inject({ method: "GET", url: "/u/%00/rss.xml" });
    expect(response.statusCode).toBe(404);
    expect(response.headers["content-type"]).toContain("text/html");
  });

  it("nested in an array of a body is refused", async () => {
    const response = await admin.request({
      method: "POST",
      url: "/api/share-kits",
      payload: { unitId, url: "https://a.vn", title: "T", captions: ["ok", "x\u0000y"] },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe("validation.nul_byte");
  });
});

describe("refusals of the HTTP layer", () => {
  it("answer 431 problem+json to headers too large, and the server goes on", async () => {
    const answer = await rawRequest(
      `GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${"a".repeat(40_000)}\r\n\r\n`,
    );
    expect(answer).toMatch(/^HTTP\/1\.1 431 /);
    expect(answer).toContain(
      "content-type: application/problem+json".replace("content-type", "Content-Type"),
    );
    expect(JSON.parse(answer.slice(answer.indexOf("\r\n\r\n") + 4)).code).toBe("request.headers_too_large");
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
  });

  it("answer 400 problem+json to bytes that are not HTTP", async () => {
    const answer = await rawRequest("NOT HTTP AT ALL\r\n\r\n");
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(JSON.parse(answer.slice(answer.indexOf("\r\n\r\n") + 4)).code).toBe("request.invalid");
  });

  it("answer 414 problem+json to an over-long path parameter", async () => {
    const response = await fetch(`http://127.0.0.1:${port}/api/units/${"x".repeat(500)}`, {
      headers: { cookie: admin.cookie },
    });
    expect(response.status).toBe(414);
    expect(response.headers.get("content-type")).toContain("application/problem+json");
    expect((await response.json()).code).toBe("request.uri_too_long");
  });
});
