import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { test } from "node:test";
import type { Page } from "playwright-core";
import { demoAccounts } from "../../../src/server/seed/demo-accounts.ts";
import {
  adminEmail,
  adminPassword,
  baseUrl,
  demoPassword,
  phonePage,
  phoneScreenshot,
  stepsOf,
} from "../harness.ts";

// Accessibility: axe-core over every page of the signed-in app, as each demo role, on a phone
// (360 px) and a laptop (1366 px). A serious or critical violation (contrast, a nameless button,
// a field without a label…) fails the journey and names the rule, the element and the page.

const axeSource = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
const widths = [360, 1366] as const;

interface AppRoute {
  /** The address; `:id` is taken from the first link to such a page on `idFrom`. */
  path: string;
  /** What the session needs (src/web/app/signed-in-app.tsx); none: everyone signed in. */
  permission?: string;
  idFrom?: string;
}

/** The app's routes, as signed-in-app.tsx declares them. Pages reached from the menu are added as found. */
const routes: AppRoute[] = [
  { path: "/share" },
  { path: "/units", permission: "units.read" },
  { path: "/units/:id", permission: "units.read", idFrom: "/units" },
  { path: "/people", permission: "people.read" },
  { path: "/people/import", permission: "people.manage" },
  { path: "/channels", permission: "units.read" },
  { path: "/channels/import", permission: "channels.manage" },
  { path: "/channels/:id", permission: "units.read", idFrom: "/channels" },
  { path: "/media", permission: "units.read" },
  { path: "/posts", permission: "posts.read" },
  { path: "/posts/new", permission: "posts.write" },
  { path: "/posts/:id", permission: "posts.read", idFrom: "/posts" },
  { path: "/posts/:id/versions", permission: "posts.read", idFrom: "/posts" },
  { path: "/calendar", permission: "posts.read" },
  { path: "/my-stories" },
  { path: "/my-accounts" },
  { path: "/declarations/requests", permission: "declarations.manage" },
  { path: "/declarations/requests/:id", permission: "declarations.manage", idFrom: "/declarations/requests" },
  { path: "/declarations/alerts", permission: "declarations.manage" },
  { path: "/declarations", permission: "declarations.view" },
  { path: "/share-kits", permission: "advocacy.manage" },
  { path: "/share-kits/new", permission: "advocacy.manage" },
  { path: "/share-kits/:id", permission: "advocacy.manage", idFrom: "/share-kits" },
  { path: "/campaigns", permission: "advocacy.manage" },
  { path: "/campaigns/:id", permission: "advocacy.manage", idFrom: "/campaigns" },
  { path: "/audit", permission: "audit.read" },
  { path: "/verification/report" },
  { path: "/verification", permission: "cases.read" },
  { path: "/verification/cases/:id", permission: "cases.read", idFrom: "/verification" },
  { path: "/verification/checklists", permission: "cases.manage" },
  { path: "/verification/impersonation", permission: "cases.read" },
  { path: "/verification/indicators", permission: "cases.read" },
  { path: "/verification/metrics", permission: "cases.read" },
  { path: "/inbox", permission: "inbox.read" },
  { path: "/inbox/c/:id", permission: "inbox.read", idFrom: "/inbox" },
  { path: "/inbox/roster", permission: "inbox.read" },
  { path: "/inbox/my-shifts" },
  { path: "/inbox/settings", permission: "inbox.manage" },
  { path: "/inbox/breaches", permission: "inbox.read" },
  { path: "/inbox/figures", permission: "inbox.read" },
  { path: "/profile" },
];

/** The menu's links to the public pages citizens use: checked by the public pages' own tests. */
const publicPaths = new Set(["/kiem-tra", "/danh-ba"]);

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/** Waits for the page's data: no request in flight and no loading spinner left. */
async function settled(page: Page): Promise<void> {
  // The inbox keeps its live feed (server-sent events) open, so the network never goes quiet there.
  await page.waitForLoadState("networkidle", { timeout: 5_000 }).catch(() => {});
  await page
    .waitForFunction(() => !document.querySelector('[role="status"] .mantine-Loader-root'), undefined, {
      timeout: 15_000,
    })
    .catch(() => {});
  // Mantine's transitions (menus, tabs) end within a quarter of a second.
  await page.waitForTimeout(300);
}

/** axe-core's serious and critical findings on the page as it stands. */
async function seriousViolations(page: Page): Promise<Violation[]> {
  if (!(await page.evaluate(() => "axe" in window))) {
    await page.addScriptTag({ path: axeSource });
  }
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: (context: Document, options: object) => Promise<{ violations: unknown[] }> };
      }
    ).axe;
    // Only the failures: collecting the passes doubles the time on long pages.
    return (await axe.run(document, { resultTypes: ["violations"] })).violations;
  });
  return (violations as Violation[]).filter(
    (found) => found.impact === "serious" || found.impact === "critical",
  );
}

function describe(route: string, width: number, violations: Violation[]): string[] {
  return violations.flatMap((found) =>
    found.nodes
      .slice(0, 5)
      .map(
        (node) =>
          `${route} at ${width} px: ${found.id} (${found.impact}) on ${node.target.join(" ")} — ${found.help}${
            node.failureSummary ? `: ${node.failureSummary.replace(/\s+/g, " ").slice(0, 200)}` : ""
          }`,
      ),
  );
}

/** Signs a fresh phone browser in as `email`; returns it and the session's permissions. */
async function signIn(email: string, password: string) {
  // The app's CSP allows only its own scripts; axe-core is injected from outside it.
  const browser = await phonePage({ bypassCSP: true });
  const { page } = browser;
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByRole("textbox", { name: /^E-mail/ }).fill(email);
  await page.getByLabel(/^Mật khẩu/).fill(password);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"));
  const session = await (await page.request.get(`${baseUrl}/api/auth/session`)).json();
  const abilities = session.abilities as Record<string, string[]>;
  const held = (permission?: string) => !permission || (abilities[permission]?.length ?? 0) > 0;
  return { ...browser, held };
}

/** The first link on the current page to a page like `path` (`:id` standing for one segment). */
async function firstLinkLike(page: Page, path: string): Promise<string | undefined> {
  const [head = "", tail = ""] = path.split(":id");
  const fixed = routes.map((route) => route.path);
  const found = await page.evaluate(
    ({ head, fixed }) => {
      for (const anchor of document.querySelectorAll<HTMLAnchorElement>("#main a[href]")) {
        const href = new URL(anchor.href).pathname;
        if (href.startsWith(head) && /^[^/]+$/.test(href.slice(head.length)) && !fixed.includes(href)) {
          return href;
        }
      }
      return null;
    },
    { head, fixed },
  );
  return found ? `${found}${tail}` : undefined;
}

/** The menu's own links at desktop width (the drawer is closed on a phone). */
async function menuLinks(page: Page): Promise<string[]> {
  await page.setViewportSize({ width: 1366, height: 900 });
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLAnchorElement>("nav a[href]")].map(
      (anchor) => new URL(anchor.href).pathname,
    ),
  );
}

/**
 * Each page is checked once, at both widths, by the first role that reaches it, and photographed on a
 * phone in .test-artifacts/e2e/. The system administrator goes first and holds every permission, so
 * their pages carry every button and panel the other roles see; later roles check the pages only they
 * reach (their homes). Checking every page again for each role cost six minutes of CI and found
 * nothing the first pass had not.
 */
const photographed = new Set<string>();

const people = [
  { email: adminEmail, password: adminPassword, role: "system administrator" },
  ...demoAccounts.map((account) => ({ email: account.email, password: demoPassword, role: account.role })),
];

test("every page of the app passes axe-core (no serious or critical violation) for each demo role at 360 and 1366 px", async (t) => {
  for (const person of people) {
    const signedIn = await signIn(person.email, person.password);
    const step = stepsOf(t, () => [signedIn.page]);
    const { page } = signedIn;
    try {
      await step(`${person.role} (${person.email}): every page they can reach`, async () => {
        const failures: string[] = [];
        const checked: string[] = [];
        const check = async (path: string) => {
          const shape = path.replace(/\/[0-9a-f-]{36}/g, "/id");
          checked.push(path);
          if (photographed.has(shape)) {
            return;
          }
          photographed.add(shape);
          await page.setViewportSize({ width: widths[0], height: 740 });
          await page.goto(`${baseUrl}${path}`);
          await settled(page);
          await phoneScreenshot(page, `axe-${shape.replace(/[^a-z0-9]+/gi, "-")}`).catch((error: Error) => {
            failures.push(`${path} at 360 px: ${error.message}`);
          });
          for (const width of widths) {
            await page.setViewportSize({ width, height: width === 360 ? 740 : 900 });
            await page.waitForTimeout(200);
            failures.push(...describe(path, width, await seriousViolations(page)));
          }
        };
        const reachable = routes.filter((route) => signedIn.held(route.permission));
        for (const route of reachable) {
          if (!route.idFrom) {
            await check(route.path);
            continue;
          }
          await page.goto(`${baseUrl}${route.idFrom}`);
          await settled(page);
          const found = await firstLinkLike(page, route.path);
          if (found) {
            await check(found);
          }
        }
        // Pages the menu offers that the list above does not know yet.
        await page.goto(`${baseUrl}/`);
        await settled(page);
        const known = new Set(routes.map((route) => route.path));
        for (const link of await menuLinks(page)) {
          if (!known.has(link) && !publicPaths.has(link) && !checked.includes(link)) {
            await check(link);
          }
        }
        assert.ok(checked.length >= 3, `only ${checked.join(", ")} were checked`);
        assert.deepEqual(
          failures,
          [],
          `axe-core found serious or critical problems:\n${failures.join("\n")}`,
        );
      });
    } finally {
      await signedIn.close();
    }
  }
});
