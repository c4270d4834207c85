import { join, resolve } from "node:path";
import { secretKeySource } from "./crypto/secret-box.ts";

export interface Config {
  port: number;
  host: string;
  /** Embedded database directory (ignored when databaseUrl is set). */
  dataDir: string;
  /** Uploaded media files (`MEDIA_DIR`, else `<DATA_DIR>/media`), also with a PostgreSQL server. */
  mediaDir: string;
  /**
   * What one member may add through "send photos to the board" (`POST /api/me/media`) in any 24 hours,
   * in bytes as stored (`MEDIA_MEMBER_QUOTA_MB`, 500 by default).
   */
  mediaMemberQuotaBytes: number;
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
  /**
   * The platforms' API roots: their own addresses unless the operator sets CAUNOI_GRAPH_API_URL,
   * CAUNOI_ZALO_API_URL, CAUNOI_ZALO_OAUTH_URL or CAUNOI_YOUTUBE_API_URL (a proxy, or a test's
   * fake). Never taken from a request.
   */
  platformApis: PlatformApis;
  /** The inbox's webhooks (`/webhooks/facebook`, `/webhooks/zalo`); each answers 404 while its secret is unset. */
  webhooks: WebhookSecrets;
  /**
   * The apps a channel is connected through by signing in to the platform ("Kết nối bằng Facebook",
   * "Kết nối bằng Zalo"); each flow is offered only when its settings are all set.
   */
  connectApps: ConnectApps;
}

export interface ConnectApps {
  /** FACEBOOK_APP_ID (with FACEBOOK_APP_SECRET, the webhooks' key, which is the same app's secret). */
  facebookAppId: string | undefined;
  /** ZALO_APP_ID: the Zalo app the OA grants access to. */
  zaloAppId: string | undefined;
  /** ZALO_APP_SECRET_KEY: that app's secret key (sent as the `secret_key` header to Zalo's OAuth server). */
  zaloAppSecretKey: string | undefined;
  /**
   * Where Facebook's login dialog lives: www.facebook.com unless CAUNOI_FACEBOOK_DIALOG_URL says
   * otherwise (a test's fake). Zalo's permission page is on platformApis.zaloOauth.
   */
  facebookDialog: string;
}

export interface WebhookSecrets {
  /** FACEBOOK_APP_SECRET: the key of every delivery's X-Hub-Signature-256. */
  facebookAppSecret: string | undefined;
  /** FACEBOOK_VERIFY_TOKEN: what the subscription handshake (`hub.verify_token`) must carry. */
  facebookVerifyToken: string | undefined;
  /** ZALO_OA_SECRET_KEY: the OA secret key Zalo signs webhook events with (X-ZEvent-Signature). */
  zaloOaSecretKey: string | undefined;
}

export interface PlatformApis {
  /** Graph API origin, without the version (the connector adds it). */
  graph: string;
  /** Zalo OA Open API. */
  zalo: string;
  /** Zalo's OAuth server (OA access-token renewal, and the page where an OA grants the app access). */
  zaloOauth: string;
  /** Google APIs origin (the YouTube Data API lives under /youtube/v3). */
  youtube: string;
}

const apiRoot = (value: string | undefined, fallback: string) =>
  (value?.trim() || fallback).replace(/\/+$/, "");

/** A size in MB from the environment; the default when unset or not a number of zero or more. */
const megabytesSetting = (value: string | undefined, fallback: number) => {
  const parsed = Number(value);
  return value?.trim() && Number.isFinite(parsed) && parsed >= 0 ? parsed : fallback;
};

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
    mediaMemberQuotaBytes: megabytesSetting(env.MEDIA_MEMBER_QUOTA_MB, 500) * 1024 * 1024,
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
    platformApis: {
      graph: apiRoot(env.CAUNOI_GRAPH_API_URL, "https://graph.facebook.com"),
      zalo: apiRoot(env.CAUNOI_ZALO_API_URL, "https://openapi.zalo.me"),
      zaloOauth: apiRoot(env.CAUNOI_ZALO_OAUTH_URL, "https://oauth.zaloapp.com"),
      youtube: apiRoot(env.CAUNOI_YOUTUBE_API_URL, "https://www.googleapis.com"),
    },
    webhooks: {
      facebookAppSecret: env.FACEBOOK_APP_SECRET?.trim() || undefined,
      facebookVerifyToken: env.FACEBOOK_VERIFY_TOKEN?.trim() || undefined,
      zaloOaSecretKey: env.ZALO_OA_SECRET_KEY?.trim() || undefined,
    },
    connectApps: {
      facebookAppId: env.FACEBOOK_APP_ID?.trim() || undefined,
      zaloAppId: env.ZALO_APP_ID?.trim() || undefined,
      zaloAppSecretKey: env.ZALO_APP_SECRET_KEY?.trim() || undefined,
      facebookDialog: apiRoot(env.CAUNOI_FACEBOOK_DIALOG_URL, "https://www.facebook.com"),
    },
  };
}
