import type { AppModule } from "../../platform/module.ts";
import { registerDeclarationReminderWorker } from "./reminders.ts";
import { declarationRoutes } from "./routes.ts";

export const declarationsModule: AppModule = {
  name: "declarations",
  routes: [declarationRoutes],
  workers: [
    async ({ database, jobs, config }) => {
      // Reminders are pg-boss jobs: they stop with the queue.
      await registerDeclarationReminderWorker(database.db, { jobs, publicUrl: config.publicUrl });
      return undefined;
    },
  ],
};
