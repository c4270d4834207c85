import { existsSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../../test/helpers/test-app.ts";

/* The page of a portal that does not exist sends its reader somewhere that exists. */

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

/** Every address the page points at (links, forms, stylesheets, feeds, pictures), as the browser would resolve them. */
function addressesIn(page: string, base: string): string[] {
  const found = [...page.matchAll(/\s(?:href|src|action)="([^"]*)"/g)].map((match) => match[1] ?? "");
  return found
    .filter((address) => !/^(mailto|tel):/.test(address))
    .map((address) => new URL(address.replace(/&amp;/g, "&"), base).toString());
}

/** Addresses the built web app answers (not the server's routes), with the source each is built from. */
const servedByWebBuild: Record<string, string> = {
  "/": "../../../web/index.html",
  "/favicon.svg": "../../../web/public/favicon.svg",
};

describe("the 404 page of an unknown portal", () => {
  it("says so in Vietnamese and links only to pages that exist", async () => {
    const url = "/u/KHONG-CO-DON-VI-NAY";
    const response = await t.app.inject({ method: "GET", url });
    expect(response.statusCode).toBe(404);
    expect(response.body).toContain("Không tìm thấy trang");
    const addresses = addressesIn(response.body, `http://caunoi.test${url}`);
    expect(addresses.length).toBeGreaterThan(0);
    for (const address of new Set(addresses)) {
      const target = new URL(address);
      expect(target.origin, address).toBe("http://caunoi.test");
      // The page itself is not a way out.
      expect(target.pathname, address).not.toBe(url);
      const webSource = servedByWebBuild[target.pathname];
      if (webSource) {
        // The web build answers these; the tests run before any build, so the source it is made from must exist.
        expect(existsSync(new URL(webSource, import.meta.url)), address).toBe(true);
        continue;
      }
      const followed = await t.app.inject({ method: "GET", url: `${target.pathname}${target.search}` });
      expect(followed.statusCode, `${address} answers ${followed.statusCode}`).toBeLessThan(400);
    }
  });
});
