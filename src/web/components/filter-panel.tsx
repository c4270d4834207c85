import { Button, Collapse, Group, Stack } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { ChevronDownIcon, ChevronRightIcon } from "./icons.tsx";
import { usePhoneLayout } from "./phone-layout.ts";

/** List filters: always shown on wide screens, folded behind a "Filters (n)" button on phones. */
export function FilterPanel({ active, children }: { active: number; children: ReactNode }) {
  const { t } = useTranslation();
  const phone = usePhoneLayout();
  const [opened, { toggle }] = useDisclosure(false);
  if (!phone) {
    return children;
  }
  return (
    <Stack gap="sm">
      <Group>
        <Button
          variant="light"
          size="xs"
          onClick={toggle}
          aria-expanded={opened}
          rightSection={opened ? <ChevronDownIcon size={14} /> : <ChevronRightIcon size={14} />}
        >
          {active > 0 ? t("common.filtersActive", { n: active }) : t("common.filters")}
        </Button>
      </Group>
      <Collapse expanded={opened}>{children}</Collapse>
    </Stack>
  );
}

/** Shown while any filter is set: one tap back to the whole list. */
export function ClearFiltersButton({ onClear }: { onClear: () => void }) {
  const { t } = useTranslation();
  return (
    <Group>
      <Button variant="subtle" size="xs" onClick={onClear}>
        {t("common.clearFilters")}
      </Button>
    </Group>
  );
}
