/**
 * The declarations module's public surface: the only file of it that code outside the module imports.
 */
// Tells the audit page how to name this module's records.
import "./audit-subjects.ts";

export { declarationsModule } from "./module.ts";
/** A member's open requests to review their declarations (the share feed, their home, reminds them). */
export { requestsForMember } from "./requests.ts";
