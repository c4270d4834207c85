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
export { loadActor } from "./actors.ts";
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
  type UnitSummary,
  unitAndAncestors,
  unitIdAtOrAbove,
  unitIdsWithin,
  unitIdWithin,
  unitPathsOfPeople,
  unitSummaries,
} from "./membership.ts";
export { orgModule } from "./module.ts";
export { type ImportRowError, previewPeopleImport, runPeopleImport } from "./people-import.ts";
export { unitOfPerson } from "./people-queries.ts";
export { createPerson, grantRole } from "./people-service.ts";
export { applyEmailChange } from "./person-changes.ts";
export { abilitiesOf, canActOnWholePerson, grantableRoleScopes } from "./policy.ts";
export {
  assertUnitActive,
  personNames,
  requireUnitSummary,
  resolveUnitsInSubtree,
  rollUpToChildUnits,
  type UnitLineage,
  type UnitTotal,
  unitIdNameLike,
  unitLineages,
  unitsInTreeOrder,
} from "./read-models.ts";
export { roleHoldersAtOrAbove } from "./role-holders.ts";
export { createUnit, type UnitKind, type UnitRow } from "./service.ts";
export { repairProvincialMassOrganisations } from "./unit-kind-repair.ts";
export {
  findUnitByCodeOrId,
  listFilterPath,
  listUnits,
  requireActiveTargetUnit,
  rootUnitIdFor,
  type TargetUnit,
  unitPath,
} from "./unit-queries.ts";
