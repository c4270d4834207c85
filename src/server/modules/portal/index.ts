/**
 * The portal module's public surface: the only file of it that code outside the module imports.
 */

export { portalModule } from "./module.ts";
