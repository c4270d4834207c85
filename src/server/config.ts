import { join, resolve } from "node:path";
import { secretKeySource } from "./crypto/secret-box.ts";

export interface Config {
  port: number;
  host: string;
  /** Embedded database directory (ignored when databaseUrl is set). */
  dataDir: string;
  /** Uploaded media files (`MEDIA_DIR`, else `<DATA_DIR>/media`), also with a PostgreSQL server. */
  mediaDir: string;
  databaseUrl: string | undefined;
  production: boolean;
  /** Create the demo province on first start. */
  demo: boolean;
  adminEmail: string;
  adminPassword: string | undefined;
  smtpUrl: string | undefined;
  mailFrom: string;
  /** The address people reach the app at, used in e-mailed links. */
  publicUrl: string;
  cookieSecure: boolean;
  trustProxy: boolean;
  logLevel: string;
  /** Seals platform tokens: CAUNOI_SECRET_KEY, else `<dataDir>/secret.key` made on first use. */
  secretKey: () => Buffer;
}

/** Reads configuration from the environment (and `--no-demo` from the command line). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, argv: string[] = process.argv): Config {
  const port = Number(env.PORT ?? 3000);
  const production = env.NODE_ENV === "production";
  const publicUrl = env.PUBLIC_URL ?? `http://localhost:${port}`;
  const dataDir = resolve(env.DATA_DIR ?? "./data");
  return {
    port,
    host: env.HOST ?? "0.0.0.0",
    dataDir,
    mediaDir: env.MEDIA_DIR ? resolve(env.MEDIA_DIR) : join(dataDir, "media"),
    databaseUrl: env.DATABASE_URL || undefined,
    production,
    demo: !argv.includes("--no-demo") && env.CAUNOI_DEMO !== "0" && env.CAUNOI_DEMO !== "false",
    adminEmail: (env.CAUNOI_ADMIN_EMAIL ?? "admin@caunoi.local").trim().toLowerCase(),
    adminPassword: env.CAUNOI_ADMIN_PASSWORD || undefined,
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.MAIL_FROM ?? "Cầu Nối <no-reply@caunoi.local>",
    publicUrl,
    cookieSecure: env.COOKIE_SECURE
      ? env.COOKIE_SECURE === "1" || env.COOKIE_SECURE === "true"
      : publicUrl.startsWith("https:"),
    trustProxy: env.TRUST_PROXY === "1" || env.TRUST_PROXY === "true",
    logLevel: env.LOG_LEVEL ?? (production ? "info" : "warn"),
    secretKey: secretKeySource({ envKey: env.CAUNOI_SECRET_KEY || undefined, dataDir }),
  };
}
