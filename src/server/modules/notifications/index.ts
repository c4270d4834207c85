/**
 * The notifications module's public surface: the only file of it that code outside the module imports.
 * Other modules tell people things with `notify`, inside the transaction of what they report.
 */
export { notificationsModule } from "./module.ts";
export { type Notice, notify, unreadCount, type Words } from "./service.ts";
