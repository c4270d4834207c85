import type { InjectOptions, LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerChannel } from "../../src/server/modules/channels/service.ts";
import { makeOrganisation, makePerson, type SessionClient, signInAs } from "../helpers/factories.ts";
import { createTestApp, type TestApp } from "../helpers/test-app.ts";
import { RequestGenerator, type Schema } from "./request-generator.ts";

/*
 * Every route, as an anonymous visitor, a member and an administrator, with random and malformed
 * requests built from the OpenAPI document (and the hidden routes the document leaves out). Fails on
 * any 5xx, on an /api error that is not problem+json, and on the process ending. Bounded and seeded:
 * FUZZ_SEED reproduces a run, FUZZ_REQUESTS changes its size.
 */

const seed = Number(process.env.FUZZ_SEED ?? 20_261_206);
const total = Number(process.env.FUZZ_REQUESTS ?? 3000);

interface Operation {
  method: string;
  path: string;
  pathParams: Record<string, Schema>;
  queryParams: Record<string, Schema>;
  requiredQuery: Set<string>;
  body: { contentType: string; schema: Schema } | null;
}

interface OpenApiDocument {
  paths: Record<
    string,
    Record<
      string,
      {
        parameters?: { in: string; name: string; required?: boolean; schema: Schema }[];
        requestBody?: { content: Record<string, { schema: Schema }> };
      }
    >
  >;
}

/** Routes that would end the fuzzing actor's own session; they are tried anonymously only. */
const endsOwnSession = new Set(["POST /api/auth/sign-out"]);

function operationsOf(document: OpenApiDocument, hidden: { method: string; url: string }[]): Operation[] {
  const operations: Operation[] = [];
  for (const [path, methods] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      const pathParams: Record<string, Schema> = {};
      const queryParams: Record<string, Schema> = {};
      const requiredQuery = new Set<string>();
      for (const parameter of operation.parameters ?? []) {
        if (parameter.in === "path") {
          pathParams[parameter.name] = parameter.schema;
        } else if (parameter.in === "query") {
          queryParams[parameter.name] = parameter.schema;
          if (parameter.required) {
            requiredQuery.add(parameter.name);
          }
        }
      }
      const content = Object.entries(operation.requestBody?.content ?? {})[0];
      operations.push({
        method: method.toUpperCase(),
        path,
        pathParams,
        queryParams,
        requiredQuery,
        body: content ? { contentType: content[0], schema: content[1].schema } : null,
      });
    }
  }
  const documented = new Set(operations.map((operation) => `${operation.method} ${operation.path}`));
  // The web app's built files and the API viewer are static: nothing of a request reaches code there.
  const staticFile = /^\/(assets|docs)\/|^\/[^/:*]+\.(js|css|svg|html|png|ico|txt|webmanifest)$/;
  for (const route of hidden.filter((candidate) => !staticFile.test(candidate.url))) {
    const path = route.url.replace(/:(\w+)/g, "{$1}").replace(/\*$/, "{wildcard}");
    if (!documented.has(`${route.method} ${path}`) && route.method !== "HEAD") {
      const pathParams = Object.fromEntries(
        [...path.matchAll(/\{(\w+)\}/g)].map((match) => [match[1] as string, { type: "string" }]),
      );
      operations.push({
        method: route.method,
        path,
        pathParams,
        queryParams: { q: { type: "string" }, page: { type: "integer" }, lang: { type: "string" } },
        requiredQuery: new Set(),
        body: route.method === "GET" ? null : { contentType: "application/json", schema: { type: "object" } },
      });
    }
  }
  return operations.sort((a, b) => `${a.path} ${a.method}`.localeCompare(`${b.path} ${b.method}`));
}

/** One request for the operation: mostly well formed, sometimes broken in one or several places. */
function requestFor(operation: Operation, generate: RequestGenerator): InjectOptions {
  let url = operation.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = generate.value(operation.pathParams[name], 0, 0.2);
    const text = typeof value === "string" ? value : JSON.stringify(value);
    // Now and then as it is (a broken %-sequence stays broken), else encoded as a client would.
    return /^[!-~]*$/.test(text ?? "") && generate.chance(0.15)
      ? (text ?? "").replaceAll("/", "%2F").replaceAll("?", "%3F").replaceAll("#", "%23")
      : encodeURIComponent((text ?? "").toWellFormed());
  });
  const query = new URLSearchParams();
  for (const [name, schema] of Object.entries(operation.queryParams)) {
    if (operation.requiredQuery.has(name) ? generate.chance(0.93) : generate.chance(0.4)) {
      const value = generate.value(schema, 0, 0.2);
      for (const item of Array.isArray(value) ? value : [value]) {
        query.append(name, (typeof item === "string" ? item : (JSON.stringify(item) ?? "")).toWellFormed());
      }
    }
  }
  if (generate.chance(0.05)) {
    query.append(generate.pick(["page", "pageSize", "unitId", "q"]), generate.pick(["-1", "1e9", "%", "'"]));
  }
  const search = query.toString();
  if (search) {
    url += `?${search}`;
  }
  const options: InjectOptions = { method: operation.method as InjectOptions["method"], url };
  if (operation.body) {
    if (operation.body.contentType === "application/octet-stream") {
      options.payload = generate.bytes();
      options.headers = { "content-type": "application/octet-stream" };
    } else if (generate.chance(0.08)) {
      options.payload = generate.malformedBody();
      options.headers = {
        "content-type": generate.pick([
          "application/json",
          "text/plain",
          "application/x-www-form-urlencoded",
        ]),
      };
    } else {
      options.payload = JSON.stringify(generate.value(operation.body.schema, 0, 0.1));
      options.headers = { "content-type": "application/json" };
    }
  }
  return options;
}

/** What is wrong with an answer, or null: a 5xx, or an /api error that is not problem+json. */
function problemWith(operation: Operation, response: LightMyRequestResponse): string | null {
  if (response.statusCode >= 500) {
    return `answered ${response.statusCode}: ${response.body.slice(0, 300)}`;
  }
  const contentType = String(response.headers["content-type"] ?? "");
  if (response.statusCode >= 400 && operation.path.startsWith("/api/")) {
    if (!contentType.startsWith("application/problem+json")) {
      return `error ${response.statusCode} as ${contentType || "no content type"}: ${response.body.slice(0, 200)}`;
    }
    const body = JSON.parse(response.body) as { code?: unknown; messages?: { vi?: unknown; en?: unknown } };
    if (
      typeof body.code !== "string" ||
      typeof body.messages?.vi !== "string" ||
      typeof body.messages.en !== "string"
    ) {
      return `problem without code or messages: ${response.body.slice(0, 200)}`;
    }
  }
  return null;
}

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

describe("fuzzing every route from the OpenAPI document", () => {
  it(`answers ${total} random and malformed requests (seed ${seed}) without a 5xx, each error problem+json`, async () => {
    const org = await makeOrganisation(t.db);
    await registerChannel(
      { db: t.db, actor: null, ip: null },
      {
        unitId: org.left.id,
        platform: "facebook_page",
        url: "https://www.facebook.com/xatantrao",
        displayName: "Fanpage",
      },
    );
    const memberPerson = await makePerson(t.db, { unitId: org.left.id, roles: ["member"] });
    const adminPerson = await makePerson(t.db, {
      unitId: org.root.id,
      roles: ["administrator", "editor", "approver"],
    });
    const signIn = {
      member: () => signInAs(t.app, memberPerson.email ?? ""),
      administrator: () => signInAs(t.app, adminPerson.email ?? ""),
    };
    const sessions: Record<"member" | "administrator", SessionClient> = {
      member: await signIn.member(),
      administrator: await signIn.administrator(),
    };
    const generate = new RequestGenerator(seed);
    for (const id of [org.root.id, org.left.id, org.right.id, memberPerson.id, adminPerson.id]) {
      generate.knownIds.add(id);
    }
    const operations = operationsOf(t.app.swagger() as unknown as OpenApiDocument, t.app.registeredRoutes);
    expect(operations.length).toBeGreaterThan(100);

    const actors = ["anonymous", "member", "administrator"] as const;
    const failures: string[] = [];
    const statuses = new Map<string, number>();
    for (let index = 0; index < total; index++) {
      const operation = operations[index % operations.length] as Operation;
      const actor = actors[Math.floor(index / operations.length) % actors.length] ?? "anonymous";
      if (actor !== "anonymous" && endsOwnSession.has(`${operation.method} ${operation.path}`)) {
        continue;
      }
      const options = requestFor(operation, generate);
      const response =
        actor === "anonymous"
          ? await t.app.inject({ ...options, remoteAddress: `203.0.113.${index % 250}` })
          : await sessions[actor].request(options);
      const tally = `${actor} ${response.statusCode}`;
      statuses.set(tally, (statuses.get(tally) ?? 0) + 1);
      const problem = problemWith(operation, response);
      if (problem) {
        failures.push(`#${index} ${actor} ${options.method} ${options.url}\n    ${problem}`);
      }
      if (response.statusCode < 300 && String(response.headers["content-type"]).includes("json")) {
        generate.harvest(response.body);
      }
      // A fuzzed request may end the session (a password or e-mail change): sign in again to go on.
      if (actor !== "anonymous" && response.statusCode === 401) {
        sessions[actor] = await signIn[actor]().catch(() => sessions[actor]);
      }
    }
    const summary = [...statuses.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([status, count]) => `${status}×${count}`);
    console.log(
      `fuzz seed ${seed}: ${total} requests over ${operations.length} operations: ${summary.join(" ")}`,
    );
    expect(failures, `FUZZ_SEED=${seed} reproduces these:\n${failures.join("\n")}`).toEqual([]);
    // The server is still there and still answers.
    expect((await t.app.inject({ method: "GET", url: "/healthz" })).statusCode).toBe(200);
  }, 900_000);
});
