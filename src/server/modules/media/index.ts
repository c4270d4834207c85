/**
 * The media module's public surface: the only file of it that code outside the module imports.
 */
export { mediaRoutes } from "./routes.ts";
export type { mediaItemSchema, mediaKindSchema, uploadedMediaSchema } from "./schema.ts";
export { type MediaView, markPublished, mediaForPublish, mediaViewsByIds } from "./service.ts";
