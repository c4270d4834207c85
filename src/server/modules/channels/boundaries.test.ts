import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { getTableName, is } from "drizzle-orm";
import { PgTable } from "drizzle-orm/pg-core";
import { describe, expect, it } from "vitest";
import * as orgSchema from "../../db/schema/org.ts";

/*
 * Channels keeps unit and person ids and asks org for what they mean (org/membership.ts,
 * org/read-models.ts); it never reads org's tables. The table names come from org's schema, so a
 * table org adds later is covered without editing this test.
 */

const orgTables = Object.entries(orgSchema).flatMap(([exportName, value]) =>
  is(value, PgTable) ? [{ exportName, tableName: getTableName(value) }] : [],
);

function escapeForRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function withoutComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:])\/\/.*$/gm, "$1");
}

/** The ways a source file reaches one of org's tables: by its schema object or by its name in SQL. */
function orgTableUses(source: string): string[] {
  const code = withoutComments(source);
  const found: string[] = [];
  for (const statement of code.matchAll(/import\s+([\s\S]*?)\s+from\s+["']([^"']+)["']/g)) {
    const [, clause = "", specifier = ""] = statement;
    if (!/\/db\/schema\//.test(specifier)) {
      continue;
    }
    if (/\/db\/schema\/org(\.ts)?$/.test(specifier)) {
      found.push(`imports ${specifier}`);
    }
    const named = /\{([\s\S]*)\}/.exec(clause)?.[1] ?? "";
    const importedNames = named
      .split(",")
      .map(
        (part) =>
          part
            .replace(/^\s*type\s+/, "")
            .trim()
            .split(/\s+as\s+/)[0] ?? "",
      )
      .filter(Boolean);
    const namespace = /\*\s+as\s+(\w+)/.exec(clause)?.[1];
    for (const { exportName } of orgTables) {
      if (importedNames.includes(exportName)) {
        found.push(`imports ${exportName} from ${specifier}`);
      }
      if (namespace && new RegExp(`\\b${namespace}\\s*\\.\\s*${exportName}\\b`).test(code)) {
        found.push(`uses ${namespace}.${exportName}`);
      }
    }
  }
  for (const { tableName } of orgTables) {
    const name = escapeForRegExp(tableName);
    const inClause = new RegExp(`\\b(?:from|join|into|update)\\s+("?)${name}\\1(?=[\\s),;\`]|$)`, "i");
    const qualified = new RegExp(`"${name}"\\s*\\.`);
    if (inClause.test(code) || qualified.test(code)) {
      found.push(`names table ${tableName} in SQL`);
    }
  }
  return found;
}

describe("channels' boundary with org", () => {
  it("knows org's tables from its schema", () => {
    expect(orgTables.map((table) => table.tableName)).toEqual(
      expect.arrayContaining(["units", "people", "role_grants"]),
    );
  });

  it("catches each way of reaching an org table", () => {
    expect(orgTableUses(`import { channels, units } from "../../db/schema/index.ts";`)).toEqual([
      "imports units from ../../db/schema/index.ts",
    ]);
    expect(orgTableUses(`import { people as p } from "../../db/schema/index.ts";`)).toHaveLength(1);
    expect(orgTableUses(`import * as s from "../../db/schema/index.ts"; s.roleGrants;`)).toHaveLength(1);
    expect(orgTableUses(`import { x } from "../../db/schema/org.ts";`)).toHaveLength(1);
    expect(orgTableUses("sql`select count(*) from channels c join units cu on cu.id = c.unit_id`")).toEqual([
      "names table units in SQL",
    ]);
    expect(orgTableUses('sql`(select 1 from "units" a where a.path @> "units"."path")`')).toHaveLength(1);
    expect(orgTableUses("sql`select * from role_grants`")).toEqual(["names table role_grants in SQL"]);
    expect(orgTableUses("// joins units in a comment\nconst units = 3; // from people")).toEqual([]);
  });

  it("has no source file that reads org's tables", () => {
    const directory = import.meta.dirname;
    const sources = readdirSync(directory, { recursive: true, encoding: "utf8" }).filter(
      (file) => file.endsWith(".ts") && !file.endsWith(".test.ts"),
    );
    expect(sources.length).toBeGreaterThan(0);
    const offences = sources.flatMap((file) =>
      orgTableUses(readFileSync(join(directory, file), "utf8")).map((use) => `${file}: ${use}`),
    );
    expect(offences).toEqual([]);
  });
});
