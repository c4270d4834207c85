import type { AppModule } from "../../platform/module.ts";
import { auditRoutes } from "./audit-routes.ts";
import { invitationRoutes } from "./invitation-routes.ts";
import { authRoutes } from "./routes.ts";

export const authModule: AppModule = { name: "auth", routes: [authRoutes, invitationRoutes, auditRoutes] };
