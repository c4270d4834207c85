import type { AppModule } from "../../platform/module.ts";
import { notificationRoutes } from "./routes.ts";

export const notificationsModule: AppModule = {
  name: "notifications",
  routes: [notificationRoutes],
};
