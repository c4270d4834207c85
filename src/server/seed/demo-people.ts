import { foldForSearch } from "../../shared/vietnamese-text.ts";
import type { BulkPerson } from "../modules/org/index.ts";
import type { Role } from "../platform/actor.ts";
import { type DemoAccount, demoAccounts, EMAIL_DOMAIN } from "./demo-accounts.ts";
import {
  familyNames,
  femaleGivenNames,
  femaleMiddleNames,
  hmongFamilies,
  hmongFemaleGivenNames,
  hmongMaleGivenNames,
  maleGivenNames,
  maleMiddleNames,
  mobilePrefixes,
  oldTonePlacement,
} from "./demo-names.ts";
import type { Post } from "./demo-organisation.ts";

/* Inventing the demo's people: reproducible randomness, Vietnamese names, e-mails and phone numbers. */

/** mulberry32: tiny, fast and good enough to make invented data look varied yet reproducible. */
export function createRandom(seed: number) {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  return {
    int,
    chance: (probability: number): boolean => next() < probability,
    pick<T>(items: readonly T[]): T {
      const item = items[int(0, items.length - 1)];
      if (item === undefined) {
        throw new Error("pick from an empty list");
      }
      return item;
    },
    weighted<T>(items: readonly (readonly [T, number])[]): T {
      const total = items.reduce((sum, [, weight]) => sum + weight, 0);
      let roll = next() * total;
      for (const [item, weight] of items) {
        roll -= weight;
        if (roll < 0) {
          return item;
        }
      }
      const last = items[items.length - 1];
      if (!last) {
        throw new Error("weighted pick from an empty list");
      }
      return last[0];
    },
    /** Removes and returns a random element, so a pool hands out each value once. */
    take<T>(pool: T[]): T {
      const [item] = pool.splice(int(0, pool.length - 1), 1);
      if (item === undefined) {
        throw new Error("take from an empty pool");
      }
      return item;
    },
  };
}
export type Random = ReturnType<typeof createRandom>;

const newPlacementAtSyllableEnd = new RegExp(`(${Object.keys(oldTonePlacement).join("|")})(?=\\s|$)`, "gu");

/** Rewrites a name from the new tone placement to the old one (Thủy → Thuỷ). */
function withOldTonePlacement(name: string): string {
  return name.replace(newPlacementAtSyllableEnd, (pair) => oldTonePlacement[pair] ?? pair);
}

interface InventedName {
  fullName: string;
  /** The parts used to build an e-mail address: given name first, then family and middle names. */
  emailParts: [string, string];
}

function inventName(random: Random, female: boolean): InventedName {
  const family = random.weighted(familyNames);
  let middle: string;
  let given: string;
  if (hmongFamilies.has(family)) {
    middle = female ? "Thị" : random.pick(["Seo", "Mí", "A", "Văn"]);
    given = random.pick(female ? hmongFemaleGivenNames : hmongMaleGivenNames);
  } else {
    // "Hoàng Hoàng Hùng" or "Nguyễn Mạnh Mạnh" are possible but look like typos in a demo.
    do {
      middle = random.weighted(female ? femaleMiddleNames : maleMiddleNames);
      given = random.pick(female ? femaleGivenNames : maleGivenNames);
    } while (middle.split(" ").some((word) => word === family || word === given));
  }
  // About a third of people write their names with the old tone placement (Hoà, Thuỷ).
  const oldStyle = random.chance(0.35);
  const styled = (part: string) => (oldStyle ? withOldTonePlacement(part) : part);
  return {
    fullName: [family, middle, given].map(styled).join(" ").normalize("NFC"),
    emailParts: [given, `${family}${middle}`],
  };
}

/** ASCII, lower case, letters and digits only: "Nguyễn Thị" → "nguyenthi". */
function emailLabel(text: string): string {
  return foldForSearch(text).replace(/[^a-z0-9]/g, "");
}

/** A unit of the demo with the posts its people hold; roles name their unit by its code. */
export interface StaffedUnit {
  unitId: string;
  female: number;
  posts: readonly Post[];
}

/** A person invented for a post, with `hasPassword` for the named demo accounts. */
export type InventedPerson = BulkPerson & { hasPassword: boolean };

/**
 * Invents the holders of every post, unit by unit in the order given (the order draws the names, so
 * it must not change), each a member of their unit besides the post's roles. E-mails and phone
 * numbers are unique across the demo; `unitIdOf` turns a role's unit code into the unit's id.
 */
export function inventStaff(
  random: Random,
  staffing: readonly StaffedUnit[],
  unitIdOf: (code: string) => string,
): InventedPerson[] {
  const takenEmails = new Set(demoAccounts.map((account) => account.email));
  const takenPhones = new Set<string>();
  const invented: InventedPerson[] = [];
  for (const { unitId, female, posts } of staffing) {
    for (const { position, count, roles, account, female: postFemale } of posts) {
      for (let i = 0; i < count; i++) {
        const { fullName, email } = account ?? inventNameAndEmail(random, postFemale ?? female, takenEmails);
        takenEmails.add(email);
        let phone: string;
        do {
          phone = `${random.pick(mobilePrefixes)}${String(random.int(0, 9_999_999)).padStart(7, "0")}`;
        } while (takenPhones.has(phone));
        takenPhones.add(phone);
        const grants: { role: Role; unitId: string }[] = [
          { role: "member", unitId },
          ...roles.map(([role, code]) => ({ role, unitId: unitIdOf(code) })),
        ];
        invented.push({
          fields: { fullName, email, phone, position },
          unitId,
          grants,
          hasPassword: account !== undefined,
        });
      }
    }
  }
  return invented;
}

function inventNameAndEmail(
  random: Random,
  femaleShare: number,
  takenEmails: ReadonlySet<string>,
): Pick<DemoAccount, "fullName" | "email"> {
  const name = inventName(random, random.chance(femaleShare));
  const base = `${emailLabel(name.emailParts[0])}.${emailLabel(name.emailParts[1])}`;
  let email = `${base}@${EMAIL_DOMAIN}`;
  for (let n = 2; takenEmails.has(email); n++) {
    email = `${base}.${n}@${EMAIL_DOMAIN}`;
  }
  return { fullName: name.fullName, email };
}
