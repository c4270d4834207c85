/**
 * The advocacy module's public surface: the only file of it that code outside the module imports.
 */
// Tells the audit page how to name this module's records.
import "./audit-subjects.ts";

export { importCampaign, importKit, importKitShare, importLinkHits, importShareLink } from "./bulk.ts";
export { advocacyModule } from "./module.ts";
export { createTrackedLinks, isTrackedLinkRequest, repairStoredKitTargets } from "./redirect-routes.ts";
