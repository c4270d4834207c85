import type { AppModule } from "../../platform/module.ts";
import { peopleRoutes } from "./people-routes.ts";
import { unitRoutes } from "./routes.ts";

export const orgModule: AppModule = { name: "org", routes: [unitRoutes, peopleRoutes] };
