import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadConfig } from "../config.ts";
import { loadOrCreateKeyFile, openSecret, SecretBoxError, sealSecret } from "./secret-box.ts";

const key = randomBytes(32);
const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), "caunoi-key-"));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) {
    rmSync(dir, { recursive: true, force: true });
  }
});

describe("secret box", () => {
  it("opens what it sealed, and seals the same token differently each time", () => {
    const token = "EAAGm0PX4ZCpsBAFakeTokenĐặcBiệt";
    const first = sealSecret(token, key, "channel-1");
    const second = sealSecret(token, key, "channel-1");
    expect(first).toMatch(/^v1:[A-Za-z0-9+/]+=*$/);
    expect(first).not.toContain(token);
    expect(first).not.toBe(second);
    expect(openSecret(first, key, "channel-1")).toBe(token);
    expect(openSecret(second, key, "channel-1")).toBe(token);
  });

  it("refuses a sealed value with any byte changed", () => {
    const sealed = sealSecret("page-token", key);
    const raw = Buffer.from(sealed.slice(3), "base64");
    for (const index of [0, 13, raw.length - 1]) {
      const altered = Buffer.from(raw);
      altered[index] = (altered[index] ?? 0) ^ 0x01;
      expect(() => openSecret(`v1:${altered.toString("base64")}`, key)).toThrow(SecretBoxError);
    }
    expect(() => openSecret("v2:AAAA", key)).toThrow(/version/);
    expect(() => openSecret("v1:AAAA", key)).toThrow(/truncated/);
  });

  it("refuses another key, and a value moved to another channel", () => {
    const sealed = sealSecret("page-token", key, "channel-1");
    expect(() => openSecret(sealed, randomBytes(32), "channel-1")).toThrow(SecretBoxError);
    expect(() => openSecret(sealed, key, "channel-2")).toThrow(SecretBoxError);
    expect(() => sealSecret("x", randomBytes(16))).toThrow(/32 bytes/);
  });

  it("creates the key file once with mode 0600 and reuses it", () => {
    const dir = tempDir();
    const first = loadOrCreateKeyFile(join(dir, "data"));
    const path = join(dir, "data", "secret.key");
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const stored = readFileSync(path, "utf8");
    const again = loadOrCreateKeyFile(join(dir, "data"));
    expect(again.equals(first)).toBe(true);
    expect(readFileSync(path, "utf8")).toBe(stored);
    // A token sealed before a restart still opens after it.
    expect(openSecret(sealSecret("t", first), again)).toBe("t");
  });

  it("takes CAUNOI_SECRET_KEY over the file, and refuses a malformed one at start", () => {
    const dir = tempDir();
    const envKey = randomBytes(32);
    const config = loadConfig({ DATA_DIR: dir, CAUNOI_SECRET_KEY: envKey.toString("base64") }, []);
    expect(config.secretKey().equals(envKey)).toBe(true);
    expect(() => statSync(join(dir, "secret.key"))).toThrow();
    expect(() => loadConfig({ DATA_DIR: dir, CAUNOI_SECRET_KEY: "c2hvcnQ=" }, [])).toThrow(/32 bytes/);
    const fromFile = loadConfig({ DATA_DIR: dir }, []);
    expect(fromFile.secretKey().equals(loadOrCreateKeyFile(dir))).toBe(true);
  });
});
