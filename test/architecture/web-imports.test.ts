import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

/*
 * The web takes only types from the shared API contract: a value import would put zod and every
 * schema into the bundle members download on cheap phones. And it never imports server code.
 */

const webRoot = fileURLToPath(new URL("../../src/web", import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      return sourceFiles(path);
    }
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

/** Import statements of a source that bring values (not only types) from a module matching `from`. */
function valueImports(source: string, from: RegExp): string[] {
  const found: string[] = [];
  for (const [statement, typeOnly = "", clause = "", specifier = ""] of source.matchAll(
    /import\s+(type\s+)?([\s\S]*?)\s+from\s+["']([^"']+)["']/g,
  )) {
    if (!from.test(specifier) || typeOnly) {
      continue;
    }
    const names = (/\{([\s\S]*)\}/.exec(clause)?.[1] ?? clause).split(",").map((part) => part.trim());
    if (names.some((name) => name && !name.startsWith("type "))) {
      found.push(statement.replace(/\s+/g, " "));
    }
  }
  return found;
}

describe("what the web bundle imports", () => {
  it("tells a type import from a value import", () => {
    const shared = /shared\/api\//;
    expect(valueImports(`import type { a } from "../../shared/api/org.ts";`, shared)).toEqual([]);
    expect(valueImports(`import { type a, type b } from "../../shared/api/org.ts";`, shared)).toEqual([]);
    expect(valueImports(`import { type a, b } from "../../shared/api/org.ts";`, shared)).toHaveLength(1);
    expect(valueImports(`import * as api from "../../shared/api/org.ts";`, shared)).toHaveLength(1);
  });

  /**
   * A vocabulary file of the contract (value lists such as verification-values.ts) that imports nothing
   * costs the bundle only its own few words: the web may take values from it.
   */
  function importsPlainConstants(importer: string, statement: string): boolean {
    const target = /from\s+["']([^"']+)["']/.exec(statement)?.[1];
    if (!target) {
      return false;
    }
    const imported = readFileSync(join(dirname(importer), target), "utf8");
    return !/^\s*import\s/m.test(imported) && !/\brequire\(/.test(imported);
  }

  it("takes only types from the shared API contract (values only from its import-free vocabularies) and nothing from the server", () => {
    const offences = sourceFiles(webRoot).flatMap((path) => {
      const source = readFileSync(path, "utf8");
      const file = relative(webRoot, path);
      return [
        ...valueImports(source, /shared\/api\//)
          .filter((statement) => !importsPlainConstants(path, statement))
          .map((statement) => `${file}: ${statement}`),
        ...valueImports(source, /(^|\/)server\//).map((statement) => `${file}: ${statement}`),
      ];
    });
    expect(offences).toEqual([]);
  });

  it("calls the API only through the client typed by route", () => {
    // The untyped sender takes any path and body; only typed-client.ts may wrap it, so that a wrong
    // path or body stays a type error everywhere else.
    const offences = sourceFiles(webRoot).flatMap((path) => {
      const file = relative(webRoot, path);
      if (file === join("backend", "typed-client.ts")) {
        return [];
      }
      const source = readFileSync(path, "utf8");
      return [...source.matchAll(/import\s+\{([^}]*)\}\s+from\s+["'][^"']*backend\/client\.ts["']/g)]
        .filter(([, names = ""]) => names.split(",").some((name) => /^(api|send)\b/.test(name.trim())))
        .map(([statement]) => `${file}: ${statement.replace(/\s+/g, " ")}`);
    });
    expect(offences).toEqual([]);
  });
});
