/**
 * The health module's public surface: the only file of it that code outside the module imports.
 */

export { healthModule } from "./module.ts";
