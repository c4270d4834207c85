/**
 * The org module's public surface: the only file of it that code outside the module imports.
 */
export {
  firstHolderOfRole,
  firstRootUnitId,
  hasNoUnits,
  holdsRoleOnUnit,
  personAccountByEmail,
  rolesHeldBy,
} from "./accounts.ts";
export { ensureAdminAreas, readAdminAreaDataset } from "./admin-areas.ts";
export { type BulkPerson, createPeopleInBulk } from "./bulk.ts";
export {
  countSubtreePeople,
  countSubtreePeopleOf,
  nearestAdministrators,
  type PersonSummary,
  personIdWithin,
  personSummaries,
  personSummary,
  subtreePeople,
  subtreeUnits,
  unitAndAncestors,
  unitIdAtOrAbove,
  unitIdWithin,
  unitSummaries,
} from "./membership.ts";
export { type ImportRowError, previewPeopleImport, runPeopleImport } from "./people-import.ts";
export { peopleRoutes } from "./people-routes.ts";
export { createPerson, grantRole } from "./people-service.ts";
export { applyEmailChange } from "./person-changes.ts";
export {
  type Actor,
  abilitiesOf,
  can,
  grantableRoleScopes,
  isWithin,
  type Permission,
  permissions,
  type Role,
  roles,
  scopeFor,
} from "./policy.ts";
export { unitRoutes } from "./routes.ts";
export {
  type ActionContext,
  createUnit,
  findUnitByCodeOrId,
  listFilterPath,
  listUnits,
  loadActor,
  requireActiveTargetUnit,
  rootUnitIdFor,
  type UnitKind,
  type UnitRow,
  unitPath,
} from "./service.ts";
