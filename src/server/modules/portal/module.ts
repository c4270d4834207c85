import type { AppModule } from "../../platform/module.ts";
import { portalRoutes } from "./routes.ts";

export const portalModule: AppModule = { name: "portal", routes: [portalRoutes] };
