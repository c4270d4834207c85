import type { AppModule } from "../../platform/module.ts";
import { connectFlowRoutes } from "./connect-flow-routes.ts";
import { connectionDeskRoutes } from "./connection-desk-routes.ts";
import { connectionRoutes } from "./connection-routes.ts";
import { publishingRoutes } from "./routes.ts";
import { startPublishingWorkers } from "./workers.ts";

export const publishingModule: AppModule = {
  name: "publishing",
  routes: [connectionRoutes, connectionDeskRoutes, connectFlowRoutes, publishingRoutes],
  workers: [startPublishingWorkers],
};
