import { useQueryClient } from "@tanstack/react-query";
import { api } from "../../backend/typed-client.ts";
import type { Page, UnitDetail, UnitSummary } from "../../backend/types.ts";

/** One page of a unit's direct children (the server caps pages at 200). */
export function fetchChildren(
  parentId: string,
  includeEnded: boolean,
  page: number,
): Promise<Page<UnitSummary>> {
  return api("GET", "/api/units", {
    query: { parentId, includeEnded: includeEnded ? "true" : undefined, page, pageSize: 200 },
  });
}

/** A unit with its history. */
export function fetchUnit(id: string): Promise<UnitDetail> {
  return api("GET", "/api/units/:id", { params: { id } });
}

export const childrenPageSize = 200;

/** After any change to the tree, every cached list and detail of units may be stale. */
export function useInvalidateUnits(): () => Promise<void> {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: ["units"] });
}
