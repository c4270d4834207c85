import type { AppModule } from "../../platform/module.ts";
import { caseRoutes } from "./case-routes.ts";
import { scoreRoutes } from "./impersonation/score-routes.ts";
import { impersonationRoutes } from "./impersonation-routes.ts";
import { indicatorRoutes } from "./indicator-routes.ts";
import { matchRoutes } from "./match-routes.ts";
import { tipRoutes } from "./tip-routes.ts";
import { verdictRoutes } from "./verdict-routes.ts";
import { startOcrWorker, startReporterMailWorker, startRetentionWorker } from "./workers.ts";

/** The verification desk and the impersonation watch. */
export const verificationModule: AppModule = {
  name: "verification",
  routes: [
    tipRoutes,
    caseRoutes,
    verdictRoutes,
    impersonationRoutes,
    indicatorRoutes,
    matchRoutes,
    scoreRoutes,
  ],
  workers: [startOcrWorker, startReporterMailWorker, startRetentionWorker],
};
