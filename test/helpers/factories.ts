import { randomBytes } from "node:crypto";
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from "fastify";
import type { Db } from "../../src/server/db/client.ts";
import { setPassword } from "../../src/server/modules/auth/service.ts";
import { loadActor } from "../../src/server/modules/org/actors.ts";
import { createPerson, grantRole } from "../../src/server/modules/org/people-service.ts";
import { createUnit, type UnitKind } from "../../src/server/modules/org/service.ts";
import type { Role } from "../../src/server/platform/actor.ts";

const suffix = () => randomBytes(4).toString("hex");

const systemContext = (db: Db) => ({ db, actor: null, ip: null });

/** A unit with a random name, under `parentId` (a new root when absent). */
export async function makeUnit(
  db: Db,
  options: { parentId?: string | null; name?: string; kind?: UnitKind } = {},
) {
  return createUnit(systemContext(db), {
    name: options.name ?? `Đơn vị ${suffix()}`,
    kind: options.kind ?? "other",
    parentId: options.parentId ?? null,
  });
}

export const TEST_PASSWORD = "mật-khẩu-thử-1234";

/** A person in `unitId` with a password and the given roles (each on `unitId` unless stated). */
export async function makePerson(
  db: Db,
  options: {
    unitId: string;
    fullName?: string;
    email?: string;
    roles?: (Role | { role: Role; unitId: string })[];
  },
) {
  const person = await createPerson(systemContext(db), {
    fullName: options.fullName ?? `Nguyễn Văn ${suffix()}`,
    email: options.email ?? `nguoi-${suffix()}@example.vn`,
    unitId: options.unitId,
  });
  await setPassword(db, person.id, TEST_PASSWORD);
  for (const grant of options.roles ?? []) {
    const { role, unitId } = typeof grant === "string" ? { role: grant, unitId: options.unitId } : grant;
    await grantRole(systemContext(db), { personId: person.id, unitId, role });
  }
  return person;
}

/** A person with the given roles in `unitId`, as the actor a service call takes (no HTTP sign-in). */
export async function makeActor(db: Db, options: { unitId: string; roles: Role[] }) {
  const actor = await loadActor(db, (await makePerson(db, options)).id, "session");
  if (!actor) {
    throw new Error("the person just made has no actor");
  }
  return actor;
}

/** A signed-in browser-like client: keeps the session cookie and sends the CSRF header. */
export interface SessionClient {
  request(options: InjectOptions): Promise<LightMyRequestResponse>;
  cookie: string;
  csrfToken: string;
}

/** Signs in through the real endpoint and returns a client that acts as that person. */
export async function signInAs(
  app: FastifyInstance,
  email: string,
  password = TEST_PASSWORD,
): Promise<SessionClient> {
  // Each simulated browser gets its own address, so the per-address sign-in rate limit is not shared by all tests.
  const remoteAddress = `198.51.${randomBytes(1)[0]}.${randomBytes(1)[0]}`;
  const signIn = await app.inject({
    method: "POST",
    url: "/api/auth/sign-in",
    payload: { email, password },
    remoteAddress,
  });
  if (signIn.statusCode !== 200) {
    throw new Error(`sign-in failed: ${signIn.statusCode} ${signIn.body}`);
  }
  const setCookie = signIn.cookies.find((c) => c.name === "caunoi_session");
  if (!setCookie) {
    throw new Error("no session cookie");
  }
  const cookie = `caunoi_session=${setCookie.value}`;
  const session = await app.inject({ method: "GET", url: "/api/auth/session", headers: { cookie } });
  const csrfToken = (session.json() as { csrfToken: string }).csrfToken;
  return {
    cookie,
    csrfToken,
    request: (options) =>
      app.inject({
        ...options,
        headers: { cookie, "x-csrf-token": csrfToken, ...(options.headers ?? {}) },
      }),
  };
}

/** An organisation of two sibling branches under one root, with an administrator on each level. */
export async function makeOrganisation(db: Db) {
  const root = await makeUnit(db, { name: `Tỉnh ${suffix()}`, kind: "province" });
  const left = await makeUnit(db, { parentId: root.id, name: `Xã Bên Trái ${suffix()}`, kind: "commune" });
  const right = await makeUnit(db, {
    parentId: root.id,
    name: `Phường Bên Phải ${suffix()}`,
    kind: "commune",
  });
  const rootAdmin = await makePerson(db, { unitId: root.id, roles: ["administrator"] });
  const leftAdmin = await makePerson(db, { unitId: left.id, roles: ["administrator"] });
  const rightAdmin = await makePerson(db, { unitId: right.id, roles: ["administrator"] });
  return { root, left, right, rootAdmin, leftAdmin, rightAdmin };
}
