/**
 * The share-cards module's public surface: the only file of it that code outside the module imports.
 */

export { shareCardsModule } from "./module.ts";
export { type CardSource, shareCard } from "./service.ts";
export { type CardSize, cardSizes } from "./template.ts";
