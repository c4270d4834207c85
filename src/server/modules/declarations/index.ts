/**
 * The declarations module's public surface: the only file of it that code outside the module imports.
 */

export { declarationsModule } from "./module.ts";
