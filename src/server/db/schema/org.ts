import { sql } from "drizzle-orm";
import { index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import {
  adminAreaLevelValues,
  personLocaleValues,
  personStatusValues,
  unitChangeValues,
  unitStatusValues,
} from "../../../shared/api/org.ts";
import { roles, unitKinds } from "../../../shared/organisation.ts";
import { ltree } from "./types.ts";

/** Official administrative areas (provinces, communes/wards), versioned by the decision they come from. */
export const adminAreas = pgTable(
  "admin_areas",
  {
    code: text("code").primaryKey(),
    level: text("level", { enum: adminAreaLevelValues }).notNull(),
    name: text("name").notNull(),
    provinceCode: text("province_code"),
    datasetVersion: text("dataset_version").notNull(),
  },
  (t) => [index("admin_areas_province_idx").on(t.provinceCode)],
);

/** Pre-2025 commune → post-2025 commune, so old addresses and old reports can be placed in the new map. */
export const adminAreaMappings = pgTable(
  "admin_area_mappings",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    /** Null where the source names the old commune without its code. */
    oldCode: text("old_code"),
    oldName: text("old_name").notNull(),
    oldDistrictName: text("old_district_name").notNull(),
    oldProvinceName: text("old_province_name").notNull(),
    newCode: text("new_code").notNull(),
    datasetVersion: text("dataset_version").notNull(),
  },
  (t) => [
    index("admin_area_mappings_old_idx").on(t.oldCode),
    index("admin_area_mappings_new_idx").on(t.newCode),
  ],
);

export const units = pgTable(
  "units",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    code: text("code").notNull(),
    name: text("name").notNull(),
    searchKey: text("search_key").notNull(),
    kind: text("kind", { enum: unitKinds }).notNull(),
    parentId: uuid("parent_id"),
    path: ltree("path").notNull(),
    adminAreaCode: text("admin_area_code"),
    /** What an official site must show about the body that runs it (its portal's footer). */
    contactAddress: text("contact_address"),
    contactPhone: text("contact_phone"),
    contactEmail: text("contact_email"),
    /** The person answerable for what the unit publishes: name and post, as the footer shows them. */
    contentResponsible: text("content_responsible"),
    status: text("status", { enum: unitStatusValues }).notNull().default("active"),
    mergedIntoId: uuid("merged_into_id"),
    endedAt: timestamp("ended_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("units_code_idx").on(t.code),
    index("units_path_gist_idx").using("gist", t.path),
    index("units_parent_idx").on(t.parentId),
    index("units_search_trgm_idx").using("gin", sql`${t.searchKey} gin_trgm_ops`),
  ],
);

/** One row per period in which a unit had a given name, place and status; the current one has no valid_to. */
export const unitHistory = pgTable(
  "unit_history",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    unitId: uuid("unit_id").notNull(),
    name: text("name").notNull(),
    kind: text("kind").notNull(),
    parentId: uuid("parent_id"),
    path: ltree("path").notNull(),
    status: text("status").notNull(),
    mergedIntoId: uuid("merged_into_id"),
    change: text("change", { enum: unitChangeValues }).notNull(),
    validFrom: timestamp("valid_from", { withTimezone: true }).notNull(),
    validTo: timestamp("valid_to", { withTimezone: true }),
    actorId: uuid("actor_id"),
  },
  (t) => [index("unit_history_unit_idx").on(t.unitId, t.validFrom)],
);

export const people = pgTable(
  "people",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    unitId: uuid("unit_id").notNull(),
    fullName: text("full_name").notNull(),
    searchKey: text("search_key").notNull(),
    email: text("email"),
    phone: text("phone"),
    position: text("position"),
    status: text("status", { enum: personStatusValues }).notNull().default("active"),
    locale: text("locale", { enum: personLocaleValues }).notNull().default("vi"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("people_email_idx").on(t.email),
    index("people_unit_idx").on(t.unitId),
    index("people_search_trgm_idx").using("gin", sql`${t.searchKey} gin_trgm_ops`),
  ],
);

export const roleGrants = pgTable(
  "role_grants",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    personId: uuid("person_id").notNull(),
    unitId: uuid("unit_id").notNull(),
    role: text("role", { enum: roles }).notNull(),
    grantedBy: uuid("granted_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("role_grants_unique_idx").on(t.personId, t.unitId, t.role),
    index("role_grants_unit_idx").on(t.unitId),
  ],
);

/**
 * E-mail changes made by an administrator, waiting to be confirmed from the new address (only a
 * SHA-256 of the mailed token is kept). Applied only on confirmation, so an administrator cannot
 * take over an account by pointing its e-mail at an address they read.
 */
export const emailChanges = pgTable(
  "email_changes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    personId: uuid("person_id").notNull(),
    newEmail: text("new_email").notNull(),
    tokenHash: text("token_hash").notNull().unique(),
    requestedBy: uuid("requested_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    confirmedAt: timestamp("confirmed_at", { withTimezone: true }),
  },
  (t) => [index("email_changes_person_idx").on(t.personId)],
);
