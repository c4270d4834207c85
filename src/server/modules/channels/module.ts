import type { AppModule } from "../../platform/module.ts";
import { publicChannelRoutes } from "./public-routes.ts";
import { channelRoutes } from "./routes.ts";

export const channelsModule: AppModule = { name: "channels", routes: [channelRoutes, publicChannelRoutes] };
