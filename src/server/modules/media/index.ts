/**
 * The media module's public surface: the only file of it that code outside the module imports.
 */

export { mediaModule } from "./module.ts";
export {
  type MediaView,
  markPublished,
  mediaForPublish,
  mediaUnitPaths,
  mediaViewsByIds,
} from "./service.ts";
export { isMediaKey } from "./storage.ts";
