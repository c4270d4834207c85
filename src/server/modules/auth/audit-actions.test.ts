import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { auditActions } from "../../../shared/audit-actions.ts";

const root = fileURLToPath(new URL("../../../../", import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      return sourceFiles(path);
    }
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts") ? [path] : [];
  });
}

/**
 * The action names the code records: string literals such as "unit.merge" on the lines that name an
 * action (`action: …`, and the kit changes that pass theirs to changeKit) in every file that writes audit.
 */
function recordedActions(): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of [...sourceFiles(join(root, "src/server")), ...sourceFiles(join(root, "src/cli"))]) {
    const text = readFileSync(file, "utf8");
    if (!/platform\/audit\.ts"/.test(text) || file.endsWith("platform/audit.ts")) {
      continue;
    }
    for (const line of text.split("\n")) {
      if (!/\baction\b|changeKit\(/.test(line)) {
        continue;
      }
      for (const match of line.matchAll(/"([a-z]+(?:\.[a-z_]+)+)"/g)) {
        found.set(match[1] as string, relative(root, file));
      }
    }
  }
  return found;
}

describe("audit action kinds", () => {
  it("finds what the code records (the scan is not blind)", () => {
    const recorded = recordedActions();
    for (const known of [
      "auth.sign_in",
      "unit.merge",
      "publishing.approve",
      "advocacy.kit.withdraw",
      "role.grant_cli",
    ]) {
      expect(recorded.has(known), known).toBe(true);
    }
  });

  it("every recorded action kind is in the list the audit page words", () => {
    const listed = new Set<string>(auditActions);
    const missing = [...recordedActions()].filter(([action]) => !listed.has(action));
    expect(missing.map(([action, file]) => `${action} (${file})`)).toEqual([]);
  });
});
