import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, queryRows } from "../src/server/db/client.ts";

/*
 * `caunoi role grant`: since administrators may grant only roles whose every permission they hold
 * (security review, issue 9), the operator's command is how a declaration reviewer is appointed.
 */

const repoRoot = fileURLToPath(new URL("..", import.meta.url));
const nodeBin = join(repoRoot, "node_modules/.bin/node");
const cliPath = join(repoRoot, "bin/caunoi.js");

let dataDir = "";
let tmp = "";

function caunoi(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir };
  delete env.DATABASE_URL;
  const child = spawn(nodeBin, [cliPath, ...args], { cwd: repoRoot, env, stdio: ["pipe", "pipe", "pipe"] });
  child.stdin.end();
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString("utf8");
  });
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString("utf8");
  });
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), "caunoi-role-grant-"));
  dataDir = join(tmp, "data");
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe("caunoi role grant", () => {
  it("grants declaration_reviewer on a unit, audited with who ran it; an unknown role is refused", async () => {
    const email = "ra.soat@example.vn";
    const created = await caunoi(["admin", "create", "--email", email, "--password", "mật-khẩu-rà-soát-1"]);
    expect(created.code, created.stderr).toBe(0);
    let database = await openDatabase({ dataDir });
    const [root] = await queryRows<{ id: string }>(
      database.db,
      sql`select id from units where parent_id is null`,
    );
    await database.close();

    const wrong = await caunoi([
      "role",
      "grant",
      "--email",
      email,
      "--unit",
      root?.id ?? "",
      "--role",
      "boss",
    ]);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain("declaration_reviewer");
    const granted = await caunoi([
      "role",
      "grant",
      "--email",
      email,
      "--unit",
      root?.id ?? "",
      "--role",
      "declaration_reviewer",
    ]);
    expect(granted.code, granted.stderr).toBe(0);
    expect(granted.stdout).toContain("Granted declaration_reviewer");

    database = await openDatabase({ dataDir });
    try {
      const grants = await queryRows<{ role: string }>(
        database.db,
        sql`select g.role from role_grants g join people p on p.id = g.person_id where p.email = ${email} order by g.role`,
      );
      expect(grants.map((g) => g.role)).toEqual(["administrator", "declaration_reviewer"]);
      const audit = await queryRows<{ actor_label: string }>(
        database.db,
        sql`select actor_label from audit_events where action = 'role.grant_cli'`,
      );
      expect(audit[0]?.actor_label).toMatch(/^cli:/);
    } finally {
      await database.close();
    }
  });
});
