import { ActionIcon, Alert, Button, Group, Stack, Tabs, Text } from "@mantine/core";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useSignedInSession } from "../../../backend/session.ts";
import { api } from "../../../backend/typed-client.ts";
import { ChevronRightIcon } from "../../../components/icons.tsx";
import { useListFilters } from "../../../components/list-filters.ts";
import { PageHeader } from "../../../components/page-header.tsx";
import { EmptyBlock, ErrorBlock, LoadingBlock } from "../../../components/state-blocks.tsx";
import { UnitFilter, useUnitFilter } from "../../../components/unit-filter.tsx";
import { formatDayRange, formatMonth, formatNumber } from "../../../i18n/format.ts";
import { CopyWeekDialog } from "./copy-week-dialog.tsx";
import { HolidaysPanel } from "./holidays-panel.tsx";
import { InboxLinks } from "./inbox-links.tsx";
import { addDays, shiftMonth, vietnamMonth } from "./roster-api.ts";
import { type CellChoice, RosterCalendar } from "./roster-calendar.tsx";
import { rosterKey, ShiftDialog } from "./shift-dialogs.tsx";
import { SlotsPanel } from "./slots-panel.tsx";
import { SwapList } from "./swap-list.tsx";

const tabs = ["month", "swaps", "holidays", "slots"] as const;
type Tab = (typeof tabs)[number];

/** "Lịch trực": a unit's month of shifts, its swaps, holidays and slots; managers plan, everyone reads. */
export default function RosterPage() {
  const { t, i18n } = useTranslation();
  const session = useSignedInSession();
  const { value, setFilters } = useListFilters();
  const unitId = value("unitId") || session.person.unitId;
  const month = value("month") || vietnamMonth();
  const tab = (tabs as readonly string[]).includes(value("tab")) ? (value("tab") as Tab) : "month";
  const unitFilter = useUnitFilter(unitId, (id) => setFilters({ unitId: id }));
  const [cell, setCell] = useState<CellChoice | null>(null);
  const [copying, setCopying] = useState(false);
  const [copied, setCopied] = useState<{ copied: number; kept: number; weekStart: string } | null>(null);
  const roster = useQuery({
    queryKey: [...rosterKey, "month", unitId, month],
    queryFn: () => api("GET", "/api/roster/month", { query: { unitId, month } }),
    placeholderData: keepPreviousData,
  });
  const swaps = useQuery({
    queryKey: [...rosterKey, "swaps", unitId],
    queryFn: () => api("GET", "/api/roster/swaps", { query: { unitId } }),
    enabled: tab === "swaps",
  });
  const data = roster.data?.unitId === unitId ? roster.data : undefined;
  const n = (count: number) => formatNumber(count, i18n.language);
  const pendingSwaps = data?.shifts.filter((shift) => shift.pendingSwap).length ?? 0;

  return (
    <>
      <InboxLinks />
      <PageHeader
        title={t("inbox.roster.title")}
        subtitle={t("inbox.roster.subtitle")}
        actions={
          data?.canManage &&
          data.slots.length > 0 && (
            <Button variant="default" onClick={() => setCopying(true)} data-testid="copy-week">
              {t("inbox.roster.copy.button")}
            </Button>
          )
        }
      />
      <Stack gap="sm">
        <Group align="flex-end" gap="sm">
          <div style={{ flex: "1 1 260px", maxWidth: 420 }}>
            <UnitFilter label={t("inbox.roster.unit")} permission="inbox.read" filter={unitFilter} />
          </div>
          <Group gap={4} wrap="nowrap">
            <ActionIcon
              variant="default"
              size="lg"
              aria-label={t("inbox.roster.previousMonth")}
              onClick={() => setFilters({ month: shiftMonth(month, -1) }, true)}
            >
              <ChevronRightIcon size={16} style={{ transform: "rotate(180deg)" }} />
            </ActionIcon>
            <Text fw={700} miw={120} ta="center" data-testid="roster-month">
              {formatMonth(month, i18n.language)}
            </Text>
            <ActionIcon
              variant="default"
              size="lg"
              aria-label={t("inbox.roster.nextMonth")}
              onClick={() => setFilters({ month: shiftMonth(month, 1) }, true)}
            >
              <ChevronRightIcon size={16} />
            </ActionIcon>
            {month !== vietnamMonth() && (
              <Button variant="subtle" size="xs" onClick={() => setFilters({ month: null }, true)}>
                {t("inbox.roster.thisMonth")}
              </Button>
            )}
          </Group>
        </Group>
        {copied && (
          <Alert
            color="green"
            variant="light"
            withCloseButton
            onClose={() => setCopied(null)}
            data-testid="copy-result"
          >
            {t("inbox.roster.copy.done", { copied: n(copied.copied), kept: n(copied.kept) })} (
            {t("inbox.roster.copy.weekOption", {
              week: formatDayRange(copied.weekStart, addDays(copied.weekStart, 6), i18n.language),
            })}
            )
          </Alert>
        )}
        <Tabs
          value={tab}
          onChange={(next) => setFilters({ tab: next === "month" ? null : next }, true)}
          keepMounted={false}
        >
          <Tabs.List mb="sm">
            <Tabs.Tab value="month">{t("inbox.roster.tabs.month")}</Tabs.Tab>
            <Tabs.Tab value="swaps">
              {t("inbox.roster.tabs.swaps")}
              {pendingSwaps > 0 && ` (${n(pendingSwaps)})`}
            </Tabs.Tab>
            <Tabs.Tab value="holidays">{t("inbox.roster.tabs.holidays")}</Tabs.Tab>
            <Tabs.Tab value="slots">{t("inbox.roster.tabs.slots")}</Tabs.Tab>
          </Tabs.List>
          {roster.isPending && <LoadingBlock />}
          {roster.isError && <ErrorBlock error={roster.error} onRetry={() => void roster.refetch()} />}
          {data && (
            <>
              <Tabs.Panel value="month">
                {data.slots.length === 0 ? (
                  <EmptyBlock title={t("inbox.roster.noSlots")}>
                    <Text size="sm" c="dimmed">
                      {t("inbox.roster.noSlotsHint")}
                    </Text>
                  </EmptyBlock>
                ) : (
                  <RosterCalendar data={data} onCell={setCell} />
                )}
              </Tabs.Panel>
              <Tabs.Panel value="swaps">
                {swaps.isPending && <LoadingBlock />}
                {swaps.isError && <ErrorBlock error={swaps.error} onRetry={() => void swaps.refetch()} />}
                {swaps.data && <SwapList items={swaps.data.items} empty={t("inbox.roster.swaps.empty")} />}
              </Tabs.Panel>
              <Tabs.Panel value="holidays">
                <HolidaysPanel data={data} />
              </Tabs.Panel>
              <Tabs.Panel value="slots">
                <SlotsPanel data={data} />
              </Tabs.Panel>
            </>
          )}
        </Tabs>
      </Stack>
      {cell && data && (
        <ShiftDialog
          key={`${cell.day}-${cell.slot.id}`}
          choice={cell}
          unitId={data.unitId}
          canManage={data.canManage}
          onClose={() => setCell(null)}
        />
      )}
      {copying && data && (
        <CopyWeekDialog
          unitId={data.unitId}
          month={month}
          onClose={() => setCopying(false)}
          onCopied={(result) => {
            setCopying(false);
            setCopied(result);
          }}
        />
      )}
    </>
  );
}
