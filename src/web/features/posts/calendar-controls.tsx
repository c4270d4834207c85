import {
  ActionIcon,
  Button,
  Group,
  SegmentedControl,
  Select,
  SimpleGrid,
  TextInput,
  Title,
} from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { Channel, VariantStatus } from "../../backend/types.ts";
import { FilterPanel } from "../../components/filter-panel.tsx";
import { ChevronRightIcon } from "../../components/icons.tsx";
import { UnitFilter, type UnitFilterState } from "../../components/unit-filter.tsx";
import { targetOfPlatform } from "./posts-api.ts";

const calendarStatuses = [
  "scheduled",
  "publishing",
  "published",
  "failed",
] as const satisfies VariantStatus[];

/** Writes filter changes to the page address; a null or empty value removes that filter. */
export type SetCalendarFilters = (changes: Record<string, string | null>) => void;

/** Which unit, channel, tag and status the calendar shows (folded behind a button on phones). */
export function CalendarFilters(props: {
  unitId: string;
  unitFilter: UnitFilterState;
  channelId: string;
  /** The channels that can be published to, among those of the chosen unit. */
  publishable: Channel[];
  tag: string;
  tagText: string;
  onTagText: (text: string) => void;
  status: string;
  setFilters: SetCalendarFilters;
}) {
  const { t } = useTranslation();
  const { unitId, channelId, tag, status, setFilters, publishable, tagText } = props;
  return (
    <FilterPanel active={[unitId, channelId, tag, status].filter(Boolean).length}>
      <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="sm">
        <UnitFilter
          label={t("posts.calendar.filterUnit")}
          permission="posts.read"
          filter={props.unitFilter}
        />
        <Select
          label={t("posts.calendar.filterChannel")}
          placeholder={t("posts.calendar.anyChannel")}
          clearable
          searchable
          data={publishable.map((channel) => ({
            value: channel.id,
            label: `${channel.displayName} · ${t(`posts.target.${targetOfPlatform[channel.platform] ?? "portal"}`)}`,
          }))}
          value={channelId || null}
          onChange={(value) => setFilters({ channelId: value })}
          comboboxProps={{ withinPortal: true }}
        />
        <TextInput
          label={t("posts.calendar.filterTag")}
          placeholder={t("posts.list.tagPlaceholder")}
          value={tagText}
          onChange={(event) => props.onTagText(event.currentTarget.value)}
        />
        <Select
          label={t("posts.calendar.filterStatus")}
          placeholder={t("posts.calendar.anyStatus")}
          clearable
          data={calendarStatuses.map((value) => ({ value, label: t(`posts.status.${value}`) }))}
          value={status || null}
          onChange={(value) => setFilters({ status: value })}
        />
      </SimpleGrid>
    </FilterPanel>
  );
}

/** Back, today and forward by a month or a week, the period shown, and the month/week switch. */
export function CalendarNavigation(props: {
  view: "month" | "week";
  periodLabel: string;
  step: (direction: number) => void;
  setFilters: SetCalendarFilters;
}) {
  const { t } = useTranslation();
  const { view, periodLabel, step, setFilters } = props;
  return (
    <Group justify="space-between" gap="xs">
      <Group gap={4} wrap="nowrap">
        <ActionIcon
          variant="default"
          size="lg"
          onClick={() => step(-1)}
          aria-label={t("posts.calendar.previous")}
          style={{ transform: "scaleX(-1)" }}
        >
          <ChevronRightIcon size={16} />
        </ActionIcon>
        <Button variant="default" onClick={() => setFilters({ date: null })}>
          {t("posts.calendar.today")}
        </Button>
        <ActionIcon variant="default" size="lg" onClick={() => step(1)} aria-label={t("posts.calendar.next")}>
          <ChevronRightIcon size={16} />
        </ActionIcon>
      </Group>
      {/* An English week ("28 December 2026 – 3 January 2027") is wider than a phone: it breaks evenly. */}
      <Title order={2} size="h4" data-testid="calendar-period" style={{ textWrap: "balance" }}>
        {periodLabel}
      </Title>
      <SegmentedControl
        value={view}
        onChange={(value) => setFilters({ view: value === "week" ? "week" : null })}
        aria-label={t("posts.calendar.view")}
        data={[
          { value: "month", label: t("posts.calendar.month") },
          { value: "week", label: t("posts.calendar.week") },
        ]}
      />
    </Group>
  );
}
