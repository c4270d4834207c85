import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { getTableName, is } from "drizzle-orm";
import { PgTable } from "drizzle-orm/pg-core";
import { describe, expect, it } from "vitest";

/*
 * A module owns the tables declared in db/schema/<module>.ts and no other code reads or writes them:
 * others call the module's index. The owners come from the schema files themselves, so a table or a
 * module added later is covered without editing this test.
 */

const sourceRoot = fileURLToPath(new URL("../../src", import.meta.url));
const schemaDir = join(sourceRoot, "server/db/schema");
const modulesDir = join(sourceRoot, "server/modules");

interface OwnedTable {
  owner: string;
  exportName: string;
  tableName: string;
}

async function ownedTables(): Promise<OwnedTable[]> {
  const tables: OwnedTable[] = [];
  for (const file of readdirSync(schemaDir)) {
    const owner = file.replace(/\.ts$/, "");
    if (owner === "index" || owner === "types") {
      continue;
    }
    const schema = (await import(join(schemaDir, file))) as Record<string, unknown>;
    for (const [exportName, value] of Object.entries(schema)) {
      if (is(value, PgTable)) {
        tables.push({ owner, exportName, tableName: getTableName(value) });
      }
    }
  }
  return tables;
}

/**
 * Code outside modules that may touch a table, and why: the audit writer every module records with,
 * the HTTP layer's own rate-limit counters, and the database layer itself (schema, migrations,
 * backup and restore work on every table by definition).
 */
function infrastructureMayUse(file: string, table: OwnedTable): boolean {
  if (file.startsWith("server/db/") || file.startsWith("server/backup/")) {
    return true;
  }
  if (file === "server/platform/audit.ts") {
    return table.tableName === "audit_events";
  }
  return file.startsWith("server/http/") && table.owner === "http";
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function withoutComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:])\/\/.*$/gm, "$1");
}

/** The tables a source file reaches: by their schema objects imported from db/schema, or by name in SQL. */
function tableUses(source: string, tables: readonly OwnedTable[]): OwnedTable[] {
  const code = withoutComments(source);
  const used = new Set<OwnedTable>();
  for (const statement of code.matchAll(/import\s+([\s\S]*?)\s+from\s+["']([^"']+)["']/g)) {
    const [, clause = "", specifier = ""] = statement;
    const schemaFile = /\/db\/schema\/(\w+)(?:\.ts)?$/.exec(specifier)?.[1];
    if (!schemaFile) {
      continue;
    }
    const named = (/\{([\s\S]*)\}/.exec(clause)?.[1] ?? "")
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
    for (const table of tables) {
      if (schemaFile !== "index" && schemaFile !== table.owner) {
        continue;
      }
      const viaNamespace =
        namespace && new RegExp(`\\b${namespace}\\s*\\.\\s*${table.exportName}\\b`).test(code);
      if (named.includes(table.exportName) || viaNamespace) {
        used.add(table);
      }
    }
  }
  for (const table of tables) {
    const name = escapeRegExp(table.tableName);
    const inClause = new RegExp(
      `\\b(?:from|join|into|update|truncate)\\s+("?)${name}\\1(?=[\\s),;\`]|$)`,
      "i",
    );
    const qualified = new RegExp(`"${name}"\\s*\\.`);
    if (inClause.test(code) || qualified.test(code)) {
      used.add(table);
    }
  }
  return [...used];
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      return sourceFiles(path);
    }
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

describe("table ownership", () => {
  it("finds the owners in the schema files", async () => {
    const tables = await ownedTables();
    const ownerOf = (tableName: string) => tables.find((table) => table.tableName === tableName)?.owner;
    expect(ownerOf("units")).toBe("org");
    expect(ownerOf("post_variants")).toBe("publishing");
    expect(ownerOf("account_declarations")).toBe("declarations");
    expect(ownerOf("notifications")).toBe("notifications");
    for (const owner of new Set(tables.map((table) => table.owner))) {
      if (owner !== "http") {
        expect(statSync(join(modulesDir, owner)).isDirectory()).toBe(true);
      }
    }
  });

  it("catches each way of reaching a table", async () => {
    const tables = await ownedTables();
    const names = (source: string) => tableUses(source, tables).map((table) => table.tableName);
    expect(names(`import { channels, units } from "../../db/schema/index.ts";`)).toEqual([
      "channels",
      "units",
    ]);
    expect(names(`import { people as p } from "../../db/schema/org.ts";`)).toEqual(["people"]);
    expect(names(`import * as s from "../../db/schema/index.ts"; s.roleGrants;`)).toEqual(["role_grants"]);
    expect(names("sql`select count(*) from channels c join units cu on cu.id = c.unit_id`")).toEqual([
      "channels",
      "units",
    ]);
    expect(names(`sql\`update "people" set x = 1\``)).toEqual(["people"]);
    expect(names("// a comment about people from units\nconst units = 3;")).toEqual([]);
  });

  it("lets no code touch a table another module owns", async () => {
    const tables = await ownedTables();
    const offences: string[] = [];
    for (const path of sourceFiles(join(sourceRoot, "server")).concat(sourceFiles(join(sourceRoot, "cli")))) {
      const file = relative(sourceRoot, path);
      const ownModule = /^server\/modules\/([^/]+)\//.exec(file)?.[1];
      for (const table of tableUses(readFileSync(path, "utf8"), tables)) {
        const allowed = ownModule ? table.owner === ownModule : infrastructureMayUse(file, table);
        if (!allowed) {
          offences.push(`${file} → ${table.tableName} (${table.owner})`);
        }
      }
    }
    expect(offences).toEqual([]);
  });
});
