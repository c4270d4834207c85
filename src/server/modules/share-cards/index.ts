/**
 * The share-cards module's public surface: the only file of it that code outside the module imports.
 */
export { shareCardRoutes } from "./routes.ts";
export { type CardSource, shareCard } from "./service.ts";
export { type CardSize, cardSizes } from "./template.ts";
