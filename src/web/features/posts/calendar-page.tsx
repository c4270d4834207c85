import { Alert, Button, Paper, Stack, Text } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type ReactNode, useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { can, useSignedInSession } from "../../backend/session.ts";
import { api } from "../../backend/typed-client.ts";
import type { CalendarItem } from "../../backend/types.ts";
import { PageHeader } from "../../components/page-header.tsx";
import { usePhoneLayout } from "../../components/phone-layout.ts";
import { ErrorBlock, LoadingBlock } from "../../components/state-blocks.tsx";
import { useUnitFilter } from "../../components/unit-filter.tsx";
import {
  formatDateTime,
  formatDayRange,
  formatMonth,
  useErrorText,
  vietnamToday,
} from "../../i18n/format.ts";
import { CalendarFilters, CalendarNavigation } from "./calendar-controls.tsx";
import { CalendarEntry, isMovable } from "./calendar-entry.tsx";
import { addDays, monthGrid, movedTo, rangeOf, shiftMonth, weekOf } from "./calendar-model.ts";
import { CalendarDayList, CalendarMonth, CalendarWeek } from "./calendar-views.tsx";
import { knownStatus, postKeys, runVariantAction, targetOfPlatform } from "./posts-api.ts";
import { ScheduleDialog } from "./variant-dialogs.tsx";

type View = "month" | "week";

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

  // Another unit has other channels: the channel filter starts again.
  const unitFilter = useUnitFilter(unitId, (id) => setFilters({ unitId: id, channelId: null }));

  const month = anchor.slice(0, 7);
  const weeks = useMemo(
    () => (view === "month" ? monthGrid(month) : [weekOf(anchor)]),
    [view, month, anchor],
  );
  const days = weeks.flat();
  const range = rangeOf(days);

  const channels = useQuery({
    queryKey: ["channels", "calendar-filter", unitId],
    queryFn: () => api("GET", "/api/channels", { query: { unitId, pageSize: 200 } }),
  });
  const publishable = (channels.data?.items ?? []).filter((channel) => targetOfPlatform[channel.platform]);
  const channelNames = new Map(publishable.map((channel) => [channel.id, channel.displayName]));

  const calendar = useQuery({
    queryKey: [...postKeys.calendar, { ...range, unitId, channelId, tag, status }],
    queryFn: () =>
      api("GET", "/api/publishing/calendar", {
        query: { ...range, unitId, channelId, tag, status: knownStatus(status) },
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
    if (!item || !isMovable(item)) {
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
      ? formatMonth(month, i18n.language)
      : formatDayRange(days[0] ?? anchor, days.at(-1) ?? anchor, i18n.language);
  const today = vietnamToday();
  const entry = (item: CalendarItem, compact = false) => (
    <CalendarEntry
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
    body = (
      <CalendarDayList
        items={items}
        days={days}
        today={today}
        view={view}
        month={month}
        channelNames={channelNames}
        mayMove={mayMove}
        onReschedule={(item) => {
          move.reset();
          setRescheduling(item);
        }}
      />
    );
  } else if (view === "month") {
    body = (
      <CalendarMonth
        items={items}
        days={days}
        today={today}
        month={month}
        renderEntry={entry}
        dropOn={dropOn}
        onShowWeek={(day) => setFilters({ view: "week", date: day })}
      />
    );
  } else {
    body = <CalendarWeek items={items} days={days} today={today} renderEntry={entry} dropOn={dropOn} />;
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
          <CalendarFilters
            unitId={unitId}
            unitFilter={unitFilter}
            channelId={channelId}
            publishable={publishable}
            tag={tag}
            tagText={tagText}
            onTagText={setTagText}
            status={status}
            setFilters={setFilters}
          />
          <CalendarNavigation view={view} periodLabel={periodLabel} step={step} setFilters={setFilters} />
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
