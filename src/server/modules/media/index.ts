/**
 * The media module's public surface: the only file of it that code outside the module imports.
 */
// Tells the audit page how to name this module's records.
import "./audit-subjects.ts";

export { mediaModule } from "./module.ts";
export {
  type MediaView,
  markPublished,
  mediaForPublish,
  mediaUnitPaths,
  mediaViewsByIds,
  uploadMedia,
} from "./service.ts";
export { isMediaKey, localMediaStorage } from "./storage.ts";
