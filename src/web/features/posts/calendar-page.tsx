import {
  ActionIcon,
  Alert,
  Anchor,
  Box,
  Button,
  Card,
  Group,
  Paper,
  Popover,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
  UnstyledButton,
} from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type DragEvent, type ReactNode, useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { apiGet } from "../../backend/client.ts";
import { can, useSignedInSession } from "../../backend/session.ts";
import type { CalendarItem, Channel, Page, VariantStatus } from "../../backend/types.ts";
import { FilterPanel } from "../../components/filter-panel.tsx";
import { ChevronRightIcon } from "../../components/icons.tsx";
import { PageHeader } from "../../components/page-header.tsx";
import { usePhoneLayout } from "../../components/phone-layout.ts";
import { EmptyBlock, ErrorBlock, LoadingBlock } from "../../components/state-blocks.tsx";
import { type UnitChoice, UnitPicker } from "../../components/unit-picker.tsx";
import { formatDateTime, useErrorText, vietnamToday } from "../../i18n/format.ts";
import { fetchUnit } from "../units/unit-queries.ts";
import {
  addDays,
  bucketByDay,
  bucketByHour,
  monthGrid,
  movedTo,
  rangeOf,
  shiftMonth,
  slotKey,
  vietnamLocalOf,
  visibleHours,
  weekOf,
} from "./calendar-model.ts";
import { statusColors, VariantStatusBadge } from "./post-badges.tsx";
import { postKeys, runVariantAction, targetOfPlatform } from "./posts-api.ts";
import { ScheduleDialog } from "./variant-dialogs.tsx";

type View = "month" | "week";
const calendarStatuses = [
  "scheduled",
  "publishing",
  "published",
  "failed",
] as const satisfies VariantStatus[];
/** Only these can be moved: the server schedules approved, scheduled and failed variants. */
const movable = (item: CalendarItem) => item.status === "scheduled" || item.status === "failed";
const monthCellItems = 3;

function timeOf(at: string): string {
  return vietnamLocalOf(at).slice(11, 16);
}

function weekdayNames(language: string): string[] {
  const format = new Intl.DateTimeFormat(language === "en" ? "en-GB" : "vi-VN", {
    weekday: "short",
    timeZone: "UTC",
  });
  // 2024-01-01 was a Monday.
  return Array.from({ length: 7 }, (_, i) => format.format(new Date(Date.UTC(2024, 0, 1 + i))));
}

function dayTitle(day: string, language: string): string {
  return new Intl.DateTimeFormat(language === "en" ? "en-GB" : "vi-VN", {
    weekday: "long",
    day: "2-digit",
    month: "2-digit",
    year: "numeric",
    timeZone: "UTC",
  }).format(new Date(`${day}T00:00:00Z`));
}

function shortDay(day: string): string {
  return `${day.slice(8, 10)}/${day.slice(5, 7)}`;
}

/** One post on the calendar: its time and title in its status colour; a click shows the details and actions. */
function Entry(props: {
  item: CalendarItem;
  channelName: string;
  mayMove: boolean;
  onReschedule: (item: CalendarItem) => void;
  compact?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const { item } = props;
  const color = statusColors[item.status];
  const draggable = props.mayMove && movable(item);
  return (
    <Popover width={280} position="bottom-start" withinPortal shadow="md">
      <Popover.Target>
        <UnstyledButton
          draggable={draggable}
          onDragStart={(event: DragEvent) => {
            event.dataTransfer.setData("text/x-variant", item.variantId);
            event.dataTransfer.effectAllowed = "move";
          }}
          data-testid="calendar-item"
          data-variant-id={item.variantId}
          data-status={item.status}
          aria-label={`${timeOf(item.at)} ${item.title}, ${props.channelName}, ${t(`posts.status.${item.status}`)}`}
          style={{
            display: "block",
            width: "100%",
            padding: "2px 6px",
            borderRadius: 4,
            borderLeft: `3px solid var(--mantine-color-${color}-6)`,
            background: `var(--mantine-color-${color}-light)`,
            cursor: draggable ? "grab" : "pointer",
            fontSize: 12,
            lineHeight: 1.35,
            overflow: "hidden",
            whiteSpace: props.compact ? "nowrap" : "normal",
            textOverflow: "ellipsis",
          }}
        >
          <b>{timeOf(item.at)}</b> {item.title}
          {!props.compact && (
            <Text component="span" display="block" size="10px" c="dimmed" truncate>
              {props.channelName || t(`posts.target.${item.target}`)}
            </Text>
          )}
        </UnstyledButton>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap={6}>
          <Text size="sm" fw={600} style={{ overflowWrap: "anywhere" }}>
            {item.title}
          </Text>
          <Text size="xs" c="dimmed">
            {formatDateTime(item.at, i18n.language)} · {props.channelName || t(`posts.target.${item.target}`)}
          </Text>
          <Group gap={4}>
            <VariantStatusBadge status={item.status} />
          </Group>
          <Group gap="xs">
            <Button size="xs" variant="default" component={Link} to={`/posts/${item.postId}`}>
              {t("posts.calendar.openPost")}
            </Button>
            {draggable && (
              <Button size="xs" onClick={() => props.onReschedule(item)} data-testid="calendar-reschedule">
                {t("posts.calendar.reschedule")}
              </Button>
            )}
          </Group>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}

/** A drop target: a day in the month view or an hour of a day in the week view. */
function DropCell(props: {
  onDropVariant: (variantId: string) => void;
  children: ReactNode;
  style?: React.CSSProperties;
  testId: string;
  label: string;
  day: string;
  hour?: number;
}) {
  const [over, setOver] = useState(false);
  return (
    <Box
      data-testid={props.testId}
      data-day={props.day}
      data-hour={props.hour}
      aria-label={props.label}
      onDragOver={(event: DragEvent) => {
        if (event.dataTransfer.types.includes("text/x-variant")) {
          event.preventDefault();
          event.dataTransfer.dropEffect = "move";
          setOver(true);
        }
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(event: DragEvent) => {
        event.preventDefault();
        setOver(false);
        const id = event.dataTransfer.getData("text/x-variant");
        if (id) {
          props.onDropVariant(id);
        }
      }}
      style={{
        ...props.style,
        background: over ? "var(--mantine-color-blue-light)" : props.style?.background,
        outline: over ? "2px dashed var(--mantine-color-blue-5)" : undefined,
      }}
    >
      {props.children}
    </Box>
  );
}

/**
 * The publishing calendar: month and week views of scheduled and published variants across the
 * units the person may see. Dragging a post reschedules it (the server re-checks approvals and
 * may refuse: the item then goes back with the reason shown); phones get a day list with a button.
 */
export default function CalendarPage() {
  const { t, i18n } = useTranslation();
  const session = useSignedInSession();
  const client = useQueryClient();
  const errorText = useErrorText();
  const phone = usePhoneLayout();
  const [params, setParams] = useSearchParams();
  const view: View = params.get("view") === "week" ? "week" : "month";
  const anchor = /^\d{4}-\d{2}-\d{2}$/.test(params.get("date") ?? "")
    ? (params.get("date") as string)
    : vietnamToday();
  const unitId = params.get("unitId") ?? "";
  const channelId = params.get("channelId") ?? "";
  const status = params.get("status") ?? "";
  const [tagText, setTagText] = useState(params.get("tag") ?? "");
  const [tag] = useDebouncedValue(tagText.trim().replace(/^#/, ""), 350);
  const [unit, setUnit] = useState<UnitChoice | null>(null);
  const [moves, setMoves] = useState<Record<string, string>>({});
  const [refusal, setRefusal] = useState<{ title: string; message: string } | null>(null);
  const [rescheduling, setRescheduling] = useState<CalendarItem | null>(null);
  const mayMove = can(session, "posts.write");

  const setFilters = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value) {
        next.set(key, value);
      } else {
        next.delete(key);
      }
    }
    setParams(next, { replace: true });
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: only new typed text should rewrite the URL
  useEffect(() => {
    if ((params.get("tag") ?? "") !== tag) {
      setFilters({ tag: tag || null });
    }
  }, [tag]);

  const linkedUnit = useQuery({
    queryKey: ["units", "detail", unitId],
    queryFn: () => fetchUnit(unitId),
    enabled: Boolean(unitId) && unit?.id !== unitId,
  });
  const unitChoice =
    unit?.id === unitId
      ? unit
      : linkedUnit.data
        ? { id: linkedUnit.data.id, name: linkedUnit.data.name, path: linkedUnit.data.path }
        : null;

  const month = anchor.slice(0, 7);
  const weeks = useMemo(
    () => (view === "month" ? monthGrid(month) : [weekOf(anchor)]),
    [view, month, anchor],
  );
  const days = weeks.flat();
  const range = rangeOf(days);

  const channels = useQuery({
    queryKey: ["channels", "calendar-filter", unitId],
    queryFn: () => apiGet<Page<Channel>>("/api/channels", { unitId, pageSize: 200 }),
  });
  const publishable = (channels.data?.items ?? []).filter((channel) => targetOfPlatform[channel.platform]);
  const channelNames = new Map(publishable.map((channel) => [channel.id, channel.displayName]));

  const calendar = useQuery({
    queryKey: [...postKeys.calendar, { ...range, unitId, channelId, tag, status }],
    queryFn: () =>
      apiGet<{ items: CalendarItem[] }>("/api/publishing/calendar", {
        ...range,
        unitId,
        channelId,
        tag,
        status,
      }),
    placeholderData: keepPreviousData,
  });
  const items = (calendar.data?.items ?? []).map((item) =>
    moves[item.variantId] ? { ...item, at: moves[item.variantId] as string } : item,
  );

  const move = useMutation({
    mutationFn: ({ item, at }: { item: CalendarItem; at: string }) =>
      runVariantAction(item.variantId, { kind: "schedule", at }),
    onMutate: ({ item, at }) => {
      setRefusal(null);
      setMoves((current) => ({ ...current, [item.variantId]: at }));
    },
    onSuccess: (_, { at }) => {
      setRescheduling(null);
      notifications.show({
        color: "green",
        message: t("posts.calendar.moved", { at: formatDateTime(at, i18n.language) }),
      });
    },
    onError: (error, { item }) => {
      // The server said no: the item goes back to where it was, with the server's reason.
      setRescheduling(null);
      setRefusal({ title: item.title, message: errorText(error) });
    },
    onSettled: async (_, __, { item }) => {
      await client.invalidateQueries({ queryKey: postKeys.all });
      setMoves(({ [item.variantId]: _dropped, ...rest }) => rest);
    },
  });

  const dropOn = (day: string, hour?: number) => (variantId: string) => {
    const item = items.find((candidate) => candidate.variantId === variantId);
    if (!item || !movable(item)) {
      return;
    }
    const at = movedTo(item.at, day, hour);
    if (at !== item.at) {
      move.mutate({ item, at });
    }
  };

  const step = (direction: number) =>
    setFilters({
      date: view === "month" ? `${shiftMonth(month, direction)}-01` : addDays(anchor, 7 * direction),
    });
  const periodLabel =
    view === "month"
      ? t("posts.calendar.monthLabel", { month: month.slice(5, 7), year: month.slice(0, 4) })
      : t("posts.calendar.weekLabel", {
          from: shortDay(days[0] ?? anchor),
          to: `${shortDay(days.at(-1) ?? anchor)}/${(days.at(-1) ?? anchor).slice(0, 4)}`,
        });
  const today = vietnamToday();
  const names = weekdayNames(i18n.language);
  const entry = (item: CalendarItem, compact = false) => (
    <Entry
      key={item.variantId}
      item={item}
      channelName={channelNames.get(item.channelId) ?? ""}
      mayMove={mayMove && !phone}
      onReschedule={setRescheduling}
      compact={compact}
    />
  );

  let body: ReactNode;
  if (calendar.isPending) {
    body = <LoadingBlock />;
  } else if (calendar.isError) {
    body = <ErrorBlock error={calendar.error} onRetry={() => void calendar.refetch()} />;
  } else if (phone) {
    const byDay = bucketByDay(items);
    const shown = days.filter((day) => byDay.has(day) && (view === "week" || day.startsWith(month)));
    body =
      shown.length === 0 ? (
        <EmptyBlock title={t("posts.calendar.empty")} />
      ) : (
        <Stack gap="md" data-testid="calendar-day-list">
          {shown.map((day) => (
            <Box key={day}>
              <Title order={2} size="h5" mb={4} c={day === today ? "blue.7" : undefined}>
                {dayTitle(day, i18n.language)}
              </Title>
              <Stack gap={6}>
                {(byDay.get(day) ?? []).map((item) => (
                  <Card
                    key={item.variantId}
                    withBorder
                    padding="xs"
                    data-testid="calendar-item"
                    data-variant-id={item.variantId}
                    style={{ borderLeft: `4px solid var(--mantine-color-${statusColors[item.status]}-6)` }}
                  >
                    <Group justify="space-between" gap={4} wrap="nowrap" align="flex-start">
                      <Text size="sm" fw={700}>
                        {timeOf(item.at)}
                      </Text>
                      <VariantStatusBadge status={item.status} />
                    </Group>
                    <Anchor
                      component={Link}
                      to={`/posts/${item.postId}`}
                      size="sm"
                      fw={500}
                      style={{ overflowWrap: "anywhere" }}
                    >
                      {item.title}
                    </Anchor>
                    <Text size="xs" c="dimmed">
                      {channelNames.get(item.channelId) || t(`posts.target.${item.target}`)}
                    </Text>
                    {mayMove && movable(item) && (
                      <Group mt={4}>
                        <Button
                          size="xs"
                          variant="light"
                          onClick={() => {
                            move.reset();
                            setRescheduling(item);
                          }}
                          data-testid="calendar-reschedule"
                        >
                          {t("posts.calendar.reschedule")}
                        </Button>
                      </Group>
                    )}
                  </Card>
                ))}
              </Stack>
            </Box>
          ))}
        </Stack>
      );
  } else if (view === "month") {
    const byDay = bucketByDay(items);
    body = (
      <Box data-testid="calendar-month" style={{ overflowX: "auto" }}>
        <Box style={{ display: "grid", gridTemplateColumns: "repeat(7, minmax(0, 1fr))", minWidth: 640 }}>
          {names.map((name) => (
            <Text key={name} size="xs" fw={600} c="dimmed" ta="center" py={4}>
              {name}
            </Text>
          ))}
          {days.map((day) => {
            const list = byDay.get(day) ?? [];
            const outside = !day.startsWith(month);
            return (
              <DropCell
                key={day}
                testId="calendar-day"
                day={day}
                label={dayTitle(day, i18n.language)}
                onDropVariant={dropOn(day)}
                style={{
                  minHeight: 104,
                  padding: 4,
                  border: "1px solid var(--mantine-color-default-border)",
                  marginTop: -1,
                  marginLeft: -1,
                  background: outside ? "var(--mantine-color-gray-0)" : undefined,
                }}
              >
                <div>
                  <Text
                    size="xs"
                    fw={day === today ? 700 : 500}
                    c={day === today ? "blue.7" : outside ? "dimmed" : undefined}
                    mb={2}
                  >
                    {Number(day.slice(8, 10))}
                  </Text>
                  <Stack gap={2}>
                    {list.slice(0, monthCellItems).map((item) => entry(item, true))}
                    {list.length > monthCellItems && (
                      <Anchor
                        component="button"
                        type="button"
                        size="xs"
                        onClick={() => setFilters({ view: "week", date: day })}
                      >
                        {t("posts.calendar.more", { n: list.length - monthCellItems })}
                      </Anchor>
                    )}
                  </Stack>
                </div>
              </DropCell>
            );
          })}
        </Box>
      </Box>
    );
  } else {
    const byHour = bucketByHour(items);
    const hours = visibleHours(items);
    body = (
      <Box data-testid="calendar-week" style={{ overflowX: "auto" }}>
        <Box
          style={{
            display: "grid",
            gridTemplateColumns: "52px repeat(7, minmax(0, 1fr))",
            minWidth: 760,
          }}
        >
          <span />
          {days.map((day, i) => (
            <Text
              key={day}
              size="xs"
              fw={day === today ? 700 : 600}
              c={day === today ? "blue.7" : "dimmed"}
              ta="center"
              py={4}
            >
              {names[i]} {shortDay(day)}
            </Text>
          ))}
          {hours.map((hour) => (
            <HourRow key={hour} hour={hour}>
              {days.map((day) => (
                <DropCell
                  key={day}
                  testId="calendar-slot"
                  day={day}
                  hour={hour}
                  label={`${dayTitle(day, i18n.language)} ${t("posts.calendar.hour", { h: hour })}`}
                  onDropVariant={dropOn(day, hour)}
                  style={{
                    minHeight: 36,
                    padding: 2,
                    borderTop: "1px solid var(--mantine-color-default-border)",
                    borderLeft: "1px solid var(--mantine-color-default-border)",
                  }}
                >
                  <Stack gap={2}>{(byHour.get(slotKey(day, hour)) ?? []).map((item) => entry(item))}</Stack>
                </DropCell>
              ))}
            </HourRow>
          ))}
        </Box>
      </Box>
    );
  }

  return (
    <>
      <PageHeader
        title={t("posts.calendar.title")}
        subtitle={t("posts.calendar.subtitle")}
        actions={
          <Button variant="default" component={Link} to="/posts">
            {t("posts.list.title")}
          </Button>
        }
      />
      <Paper withBorder p={{ base: "xs", sm: "md" }}>
        <Stack gap="sm">
          <FilterPanel active={[unitId, channelId, tag, status].filter(Boolean).length}>
            <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="sm">
              <UnitPicker
                label={t("posts.calendar.filterUnit")}
                value={unitChoice}
                permission="posts.read"
                clearable
                onChange={(choice) => {
                  setUnit(choice);
                  setFilters({ unitId: choice?.id ?? null, channelId: null });
                }}
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
                onChange={(event) => setTagText(event.currentTarget.value)}
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
              <ActionIcon
                variant="default"
                size="lg"
                onClick={() => step(1)}
                aria-label={t("posts.calendar.next")}
              >
                <ChevronRightIcon size={16} />
              </ActionIcon>
            </Group>
            <Title order={2} size="h4" data-testid="calendar-period" style={{ whiteSpace: "nowrap" }}>
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
          {refusal && (
            <Alert
              color="red"
              variant="light"
              title={`${t("posts.calendar.refused")}: ${refusal.title}`}
              withCloseButton
              onClose={() => setRefusal(null)}
              role="alert"
              data-testid="calendar-refusal"
            >
              {refusal.message}
            </Alert>
          )}
          {mayMove && !phone && (
            <Text size="xs" c="dimmed">
              {t("posts.calendar.dragHint")}
            </Text>
          )}
          {body}
        </Stack>
      </Paper>
      <ScheduleDialog
        opened={rescheduling !== null}
        title={rescheduling ? t("posts.calendar.rescheduleTitle", { title: rescheduling.title }) : undefined}
        current={rescheduling?.at}
        loading={move.isPending}
        error={null}
        onClose={() => setRescheduling(null)}
        onConfirm={(at) => {
          if (rescheduling) {
            move.mutate({ item: rescheduling, at });
          }
        }}
      />
    </>
  );
}

/** The hour label and the day cells of one hour in the week view (a CSS grid row). */
function HourRow({ hour, children }: { hour: number; children: ReactNode }) {
  return (
    <>
      <Text
        size="xs"
        c="dimmed"
        ta="right"
        pr={6}
        style={{ borderTop: "1px solid var(--mantine-color-default-border)", paddingTop: 2 }}
      >
        {String(hour).padStart(2, "0")}:00
      </Text>
      {children}
    </>
  );
}
