import type { AppModule } from "../../platform/module.ts";
import { redirectRoutes, type TrackedLinks } from "./redirect-routes.ts";
import { advocacyRoutes } from "./routes.ts";

/**
 * Advocacy as app.ts runs it. The tracked links are made before the HTTP server (which answers
 * `/s/<code>` ahead of Fastify's pipeline), so the module is given them.
 */
export function advocacyModule(trackedLinks: TrackedLinks): AppModule {
  return {
    name: "advocacy",
    routes: [advocacyRoutes, (app) => redirectRoutes(app, { trackedLinks })],
  };
}
