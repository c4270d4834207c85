import type { AppModule } from "../../platform/module.ts";
import { shareCardRoutes } from "./routes.ts";

export const shareCardsModule: AppModule = { name: "share-cards", routes: [shareCardRoutes] };
