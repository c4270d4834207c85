import { existsSync, readFileSync } from "node:fs";
import { createServer } from "node:http";
import { fileURLToPath } from "node:url";
import fastifyCookie from "@fastify/cookie";
import fastifyHelmet from "@fastify/helmet";
import fastifyRateLimit from "@fastify/rate-limit";
import fastifyStatic from "@fastify/static";
import fastifySwagger from "@fastify/swagger";
import fastifySwaggerUi from "@fastify/swagger-ui";
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from "fastify";
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from "fastify-type-provider-zod";
import type { Config } from "./config.ts";
import type { Database } from "./db/client.ts";
import { markRoutesPublic, type RegisteredRoute, registerAccessControl } from "./http/access.ts";
import { registerAuthentication } from "./http/authentication.ts";
import { answerClientError, answerFrameworkError, registerErrorHandling } from "./http/errors.ts";
import { rateLimitStore } from "./http/rate-limit-store.ts";
import type { JobQueue } from "./jobs/queue.ts";
import { type Mailer, registerMailWorker } from "./mail/mailer.ts";
import {
  advocacyRoutes,
  createTrackedLinks,
  isTrackedLinkRequest,
  redirectRoutes,
} from "./modules/advocacy/index.ts";
import { auditRoutes, authRoutes } from "./modules/auth/index.ts";
import { channelRoutes, publicChannelRoutes } from "./modules/channels/index.ts";
import { declarationRoutes } from "./modules/declarations/index.ts";
import { healthRoutes } from "./modules/health/index.ts";
import { mediaRoutes } from "./modules/media/index.ts";
import { peopleRoutes, unitPath, unitRoutes } from "./modules/org/index.ts";
import { portalRoutes } from "./modules/portal/index.ts";
import { connectionRoutes, publishingRoutes } from "./modules/publishing/index.ts";
import { shareCardRoutes } from "./modules/share-cards/index.ts";
import { logger, setLogLevel } from "./platform/logger.ts";

export interface AppDependencies {
  config: Config;
  database: Database;
  jobs: JobQueue;
  mailer: Mailer;
}

declare module "fastify" {
  interface FastifyInstance {
    deps: AppDependencies;
    /** Every route with its declared access, for the route-inventory test. */
    registeredRoutes: RegisteredRoute[];
  }
}

const webRoot = fileURLToPath(new URL("../../dist/web", import.meta.url));

/** Builds the whole HTTP application without listening, so tests can `inject` into it. */
export async function buildApp(deps: AppDependencies): Promise<FastifyInstance> {
  setLogLevel(deps.config.logLevel);
  const trackedLinks = createTrackedLinks({
    database: deps.database,
    trustProxy: deps.config.trustProxy,
    onError: (error) =>
      app.log.error({ err: error }, "tracked-link hits not written yet; kept for the next try"),
  });
  const app = Fastify({
    // The process's one logger, so request lines and job lines come out alike (platform/logger.ts).
    loggerInstance: logger as FastifyBaseLogger,
    trustProxy: deps.config.trustProxy,
    bodyLimit: 15 * 1024 * 1024,
    requestTimeout: 60_000,
    ajv: { customOptions: { removeAdditional: "all" } },
    frameworkErrors: answerFrameworkError,
    clientErrorHandler: answerClientError,
    // Tracked links are the hottest path: the HTTP server answers them before Fastify's pipeline
    // (hooks, routing, serialisation), which would cost about two thirds of their throughput.
    serverFactory: (handler, options) => {
      const server = createServer((request, response) =>
        isTrackedLinkRequest(request) ? trackedLinks.answer(request, response) : handler(request, response),
      );
      // What Fastify sets on a server it makes itself, and not on one it is given.
      const limits = options as {
        keepAliveTimeout?: number;
        requestTimeout?: number;
        connectionTimeout?: number;
      };
      server.keepAliveTimeout = limits.keepAliveTimeout ?? 72_000;
      server.requestTimeout = limits.requestTimeout ?? 0;
      server.setTimeout(limits.connectionTimeout ?? 0);
      return server;
    },
  });
  app.decorate("deps", deps);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // Read once: every client-side route of the web app is answered with this shell.
  const spaIndexHtml = existsSync(`${webRoot}/index.html`)
    ? readFileSync(`${webRoot}/index.html`, "utf8")
    : null;
  registerErrorHandling(app, { spaIndexHtml });

  await app.register(fastifyCookie);
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:", "blob:"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "script-src": ["'self'"],
        // Over plain http (a LAN address) this directive would send every asset to a https that is not there.
        "upgrade-insecure-requests": deps.config.publicUrl.startsWith("https:") ? [] : null,
      },
    },
  });
  // Sign-in limits count in PostgreSQL, shared by all instances; the others per instance (rate-limit-store.ts).
  await app.register(fastifyRateLimit, { global: false, store: rateLimitStore(deps.database) });
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: "Cầu Nối API",
        description:
          "API công khai của Cầu Nối. Xác thực bằng phiên đăng nhập (cookie + x-csrf-token) hoặc `Authorization: Bearer <mã truy cập>`. Lỗi theo RFC 9457 (application/problem+json) với `code` cố định.",
        version: "0.1.0",
      },
      components: {
        securitySchemes: {
          bearer: { type: "http", scheme: "bearer" },
          session: { type: "apiKey", in: "cookie", name: "caunoi_session" },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
  });

  app.registeredRoutes = registerAccessControl(app, { unitPath: (id) => unitPath(deps.database.db, id) });
  registerAuthentication(app, deps.database.db);

  await app.register(async (docs) => {
    markRoutesPublic(docs);
    await docs.register(fastifySwaggerUi, { routePrefix: "/docs" });
  });

  await app.register(healthRoutes);
  await app.register(authRoutes);
  await app.register(auditRoutes);
  await app.register(unitRoutes);
  await app.register(peopleRoutes);
  await app.register(channelRoutes);
  await app.register(publicChannelRoutes);
  await app.register(connectionRoutes);
  await app.register(declarationRoutes);
  await app.register(mediaRoutes);
  await app.register(publishingRoutes);
  await app.register(portalRoutes);
  await app.register(shareCardRoutes);
  await app.register(advocacyRoutes);
  await app.register(redirectRoutes, { trackedLinks });
  await registerMailWorker(deps.jobs, deps.mailer);

  if (existsSync(`${webRoot}/index.html`)) {
    await app.register(async (web) => {
      markRoutesPublic(web);
      // Hashed asset names change with every build, so they are cached for long; the HTML shell never is.
      // The .br/.gz files are made at build time (vite.config.ts).
      await web.register(fastifyStatic, {
        root: webRoot,
        wildcard: false,
        preCompressed: true,
        // The compressed twins are found by preCompressed; they need no routes of their own.
        globIgnore: ["**/*.br", "**/*.gz"],
        cacheControl: false,
        setHeaders: (reply, path) => {
          reply.header(
            "cache-control",
            path.endsWith(".html")
              ? "no-cache"
              : path.includes("/assets/")
                ? "public, max-age=31536000, immutable"
                : "public, max-age=3600",
          );
        },
      });
    });
  }
  return app;
}
