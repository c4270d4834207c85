import type { AppModule } from "../../platform/module.ts";
import { mediaRoutes } from "./routes.ts";

export const mediaModule: AppModule = { name: "media", routes: [mediaRoutes] };
