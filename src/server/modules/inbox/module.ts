import type { AppModule } from "../../platform/module.ts";
import { conversationRoutes } from "./conversations/routes.ts";
import { startDeliveryWorker } from "./ingest/worker.ts";
import { startLiveRelay } from "./live/relay.ts";
import { liveRoutes } from "./live/routes.ts";
import { replyRoutes } from "./outbound/routes.ts";
import { portalQuestionRoutes } from "./portal-qa/routes.ts";
import { startRetentionWorker } from "./privacy/retention.ts";
import { rosterRoutes } from "./roster/routes.ts";
import { targetRoutes } from "./sla/routes.ts";
import { startTargetWorker } from "./sla/worker.ts";
import { webhookRoutes } from "./webhooks/routes.ts";

/** The inbox: every message and comment to a unit's official channels, answered on time by whoever is on duty. */
export const inboxModule: AppModule = {
  name: "inbox",
  routes: [
    webhookRoutes,
    conversationRoutes,
    replyRoutes,
    rosterRoutes,
    targetRoutes,
    portalQuestionRoutes,
    liveRoutes,
  ],
  workers: [startLiveRelay, startDeliveryWorker, startTargetWorker, startRetentionWorker],
};
