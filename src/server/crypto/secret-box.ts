import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

/*
 * Platform tokens at rest: AES-256-GCM, stored as `v1:` + base64(iv | tag | ciphertext).
 * The version prefix lets a later key (or algorithm) be introduced while rows sealed under
 * the old one can still be told apart and re-sealed.
 */

const VERSION = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;
export const SECRET_KEY_BYTES = 32;

export class SecretBoxError extends Error {}

function requireKey(key: Buffer): void {
  if (key.length !== SECRET_KEY_BYTES) {
    throw new SecretBoxError(`secret key must be ${SECRET_KEY_BYTES} bytes, got ${key.length}`);
  }
}

/**
 * Seals `plaintext` under `key`. `context` (for example the channel id) is bound as associated
 * data, so a sealed value copied onto another row does not open there.
 */
export function sealSecret(plaintext: string, key: Buffer, context = ""): string {
  requireKey(key);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(context, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return `${VERSION}:${Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString("base64")}`;
}

/** Opens a value made by sealSecret; throws SecretBoxError when it was altered or the key is not the one used. */
export function openSecret(sealed: string, key: Buffer, context = ""): string {
  requireKey(key);
  const separator = sealed.indexOf(":");
  const version = separator > 0 ? sealed.slice(0, separator) : "";
  if (version !== VERSION) {
    throw new SecretBoxError(`unknown sealed-secret version “${version}”`);
  }
  const raw = Buffer.from(sealed.slice(separator + 1), "base64");
  if (raw.length < IV_BYTES + TAG_BYTES) {
    throw new SecretBoxError("sealed secret is truncated");
  }
  const decipher = createDecipheriv("aes-256-gcm", key, raw.subarray(0, IV_BYTES));
  decipher.setAAD(Buffer.from(context, "utf8"));
  decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString(
      "utf8",
    );
  } catch {
    // GCM says only "unable to authenticate": a changed byte and a wrong key look the same.
    throw new SecretBoxError(
      "sealed secret does not open with this key (altered, or sealed under another key)",
    );
  }
}

/** Parses `CAUNOI_SECRET_KEY` (base64 of 32 bytes); a malformed value stops start-up rather than being ignored. */
export function parseSecretKey(base64: string): Buffer {
  const key = Buffer.from(base64.trim(), "base64");
  if (key.length !== SECRET_KEY_BYTES) {
    throw new SecretBoxError(
      `CAUNOI_SECRET_KEY must be ${SECRET_KEY_BYTES} bytes in base64 (openssl rand -base64 32); it decodes to ${key.length} bytes`,
    );
  }
  return key;
}

/**
 * The key in `<dataDir>/secret.key`, made on first use (mode 0600) and reused afterwards.
 * Only right for one machine: several app instances must share CAUNOI_SECRET_KEY instead.
 */
export function loadOrCreateKeyFile(dataDir: string): Buffer {
  const path = join(dataDir, "secret.key");
  try {
    return parseSecretKey(readFileSync(path, "utf8"));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") {
      throw error;
    }
  }
  mkdirSync(dirname(path), { recursive: true });
  const key = randomBytes(SECRET_KEY_BYTES);
  try {
    // `wx`: if another process made the file meanwhile, keep theirs, or tokens sealed with it would be lost.
    writeFileSync(path, `${key.toString("base64")}\n`, { mode: 0o600, flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") {
      return parseSecretKey(readFileSync(path, "utf8"));
    }
    throw error;
  }
  chmodSync(path, 0o600);
  return key;
}

/** The environment's key when given, else the data directory's key file; resolved once, on first use. */
export function secretKeySource(options: { envKey: string | undefined; dataDir: string }): () => Buffer {
  const fromEnv = options.envKey ? parseSecretKey(options.envKey) : null;
  let key: Buffer | null = fromEnv;
  return () => {
    key ??= loadOrCreateKeyFile(options.dataDir);
    return key;
  };
}
