import { useDebouncedValue } from "@mantine/hooks";
import { useEffect, useState } from "react";
import { useSearchParams } from "react-router";
import { withoutNul } from "../backend/client.ts";

export type FilterChanges = Record<string, string | null>;

/**
 * A list's filters, kept in the address so that a filtered list survives a reload and can be sent
 * to a colleague. Choices are written at once; typed search text once it has settled. Changing a
 * filter goes back to the first page unless told otherwise.
 */
export function useListFilters() {
  const [params, setParams] = useSearchParams();
  // A NUL character (from an address like /people?q=%00 or a paste) cannot be searched for: the box
  // drops it, and the address is rewritten without it once the text settles.
  const [search, setSearchText] = useState(() => withoutNul(params.get("q") ?? ""));
  const setSearch = (text: string) => setSearchText(withoutNul(text));
  const [debounced] = useDebouncedValue(search.trim(), 350);
  const setFilters = (changes: FilterChanges, keepPage = false) => {
    // From the address as it is now, so two changes in one render do not undo each other.
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(changes)) {
          if (value) {
            next.set(key, value);
          } else {
            next.delete(key);
          }
        }
        if (!keepPage) {
          next.delete("page");
        }
        return next;
      },
      { replace: true },
    );
  };
  useSettledText("q", debounced, params, setFilters);
  const clearFilters = () => {
    setSearch("");
    setParams(new URLSearchParams(), { replace: true });
  };
  return {
    /** A filter's current value, "" when unset. */
    value: (key: string) => params.get(key) ?? "",
    page: Number(params.get("page") ?? "1") || 1,
    search,
    setSearch,
    /** The search text the list is filtered by (typed text, settled). */
    debounced,
    setFilters,
    /** Another page of the same filtered list. */
    setPage: (next: number) => setFilters({ page: String(next) }, true),
    clearFilters,
    params,
  };
}

/** Writes settled typed text into the address under `key`, when it differs from what is there. */
export function useSettledText(
  key: string,
  settled: string,
  params: URLSearchParams,
  setFilters: (changes: FilterChanges) => void,
): void {
  // biome-ignore lint/correctness/useExhaustiveDependencies: only new settled text should rewrite the URL
  useEffect(() => {
    if ((params.get(key) ?? "") !== settled) {
      setFilters({ [key]: settled || null });
    }
  }, [settled]);
}
