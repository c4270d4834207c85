import { useQueries } from "@tanstack/react-query";
import { isWithin, useSignedInSession } from "../../backend/session.ts";
import type { Permission } from "../../backend/types.ts";
import { fetchUnit } from "../units/unit-queries.ts";

/**
 * Decides `permission` for records that carry only a unit id (people, role grants). When the
 * person's `permission` scope already covers everything they can read, no lookup is needed;
 * otherwise each distinct unit's path is fetched once (cached) and checked against the abilities.
 */
export function useCanOnUnits(
  permission: Permission,
  readPermission: Permission,
  unitIds: string[],
): (unitId: string) => boolean {
  const session = useSignedInSession();
  const granted = session.abilities[permission] ?? [];
  const readable = session.abilities[readPermission] ?? [];
  const coversAll = readable.every((path) => granted.some((top) => isWithin(path, top)));
  const distinct = [...new Set(unitIds)];
  const lookups = useQueries({
    queries: distinct.map((id) => ({
      queryKey: ["units", "detail", id],
      queryFn: () => fetchUnit(id),
      enabled: granted.length > 0 && !coversAll,
      staleTime: 5 * 60_000,
    })),
  });
  const paths = new Map<string, string>();
  lookups.forEach((lookup, index) => {
    const id = distinct[index];
    if (id && lookup.data) {
      paths.set(id, lookup.data.path);
    }
  });
  return (unitId) => {
    if (granted.length === 0) {
      return false;
    }
    if (coversAll) {
      return true;
    }
    const path = paths.get(unitId);
    return path !== undefined && granted.some((top) => isWithin(path, top));
  };
}
