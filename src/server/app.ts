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
import { markRoutesPublic, type RegisteredRoute, registerAccessControl } from "./http/access.ts";
import { registerAuthentication } from "./http/authentication.ts";
import { answerClientError, answerFrameworkError, registerErrorHandling } from "./http/errors.ts";
import { rateLimitStore } from "./http/rate-limit-store.ts";
import { registerMailWorker } from "./mail/mailer.ts";
import { advocacyModule, createTrackedLinks, isTrackedLinkRequest } from "./modules/advocacy/index.ts";
import { authModule } from "./modules/auth/index.ts";
import { channelsModule } from "./modules/channels/index.ts";
import { declarationsModule } from "./modules/declarations/index.ts";
import { healthModule } from "./modules/health/index.ts";
import { inboxModule } from "./modules/inbox/index.ts";
import { mediaModule } from "./modules/media/index.ts";
import { notificationsModule } from "./modules/notifications/index.ts";
import { orgModule, unitPath } from "./modules/org/index.ts";
import { portalModule } from "./modules/portal/index.ts";
import { publishingModule } from "./modules/publishing/index.ts";
import { shareCardsModule } from "./modules/share-cards/index.ts";
import { verificationModule } from "./modules/verification/index.ts";
import { logger, setLogLevel } from "./platform/logger.ts";
import type { AppDependencies, AppModule } from "./platform/module.ts";

export type { AppDependencies };

declare module "fastify" {
  interface FastifyInstance {
    deps: AppDependencies;
    /** Every route with its declared access, for the route-inventory test. */
    registeredRoutes: RegisteredRoute[];
    /** Writes the tracked-link hits still in memory, so a test can read reports without waiting. */
    flushTrackedLinkHits: () => Promise<number>;
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
  app.decorate("flushTrackedLinkHits", () => trackedLinks.flush());
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

  // Everything the process serves and runs, module by module: routes in this order, then workers.
  const modules: AppModule[] = [
    healthModule,
    authModule,
    orgModule,
    channelsModule,
    declarationsModule,
    mediaModule,
    notificationsModule,
    publishingModule,
    portalModule,
    shareCardsModule,
    advocacyModule(trackedLinks),
    verificationModule,
    inboxModule,
  ];
  for (const module of modules) {
    for (const routes of module.routes) {
      await app.register(routes);
    }
  }
  // Mail is the platform's, not a module's: every module sends through its job.
  await registerMailWorker(deps.jobs, deps.mailer);
  for (const module of modules) {
    for (const startWorker of module.workers ?? []) {
      const stop = await startWorker(deps);
      if (stop) {
        app.addHook("onClose", async () => stop());
      }
    }
  }

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
