import { Anchor, Box, Button, Card, Group, Stack, Text, Title } from "@mantine/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { CalendarItem } from "../../backend/types.ts";
import { EmptyBlock } from "../../components/state-blocks.tsx";
import { DropCell, isMovable } from "./calendar-entry.tsx";
import { dayTitle, shortDay, timeOf, weekdayNames } from "./calendar-labels.ts";
import { bucketByDay, bucketByHour, slotKey, visibleHours } from "./calendar-model.ts";
import { statusColors, VariantStatusBadge } from "./post-badges.tsx";

const monthCellItems = 3;

/** What every view of the calendar is drawn from. */
interface CalendarViewProps {
  items: CalendarItem[];
  /** The days shown, from Monday: whole weeks around the month, or one week. */
  days: string[];
  today: string;
}

/** How the wide views draw one post, and where a dragged post lands. */
interface CalendarGridProps extends CalendarViewProps {
  renderEntry: (item: CalendarItem, compact?: boolean) => ReactNode;
  dropOn: (day: string, hour?: number) => (variantId: string) => void;
}

/** The phone's calendar: only the days that have posts, as cards with a button to reschedule (no dragging). */
export function CalendarDayList({
  items,
  days,
  today,
  view,
  month,
  channelNames,
  mayMove,
  onReschedule,
}: CalendarViewProps & {
  view: "month" | "week";
  month: string;
  channelNames: Map<string, string>;
  mayMove: boolean;
  onReschedule: (item: CalendarItem) => void;
}) {
  const { t, i18n } = useTranslation();
  const byDay = bucketByDay(items);
  const shown = days.filter((day) => byDay.has(day) && (view === "week" || day.startsWith(month)));
  return shown.length === 0 ? (
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
                {mayMove && isMovable(item) && (
                  <Group mt={4}>
                    <Button
                      size="xs"
                      variant="light"
                      onClick={() => onReschedule(item)}
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
}

/** The month as a grid of days, a few posts in each and a link to the week for the rest. */
export function CalendarMonth({
  items,
  days,
  today,
  month,
  renderEntry,
  dropOn,
  onShowWeek,
}: CalendarGridProps & { month: string; onShowWeek: (day: string) => void }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const names = weekdayNames(language);
  const byDay = bucketByDay(items);
  return (
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
              label={dayTitle(day, language)}
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
                  {list.slice(0, monthCellItems).map((item) => renderEntry(item, true))}
                  {list.length > monthCellItems && (
                    <Anchor component="button" type="button" size="xs" onClick={() => onShowWeek(day)}>
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
}

/** A week as hours by days: 06:00 to 22:00, widened to take in any post outside those hours. */
export function CalendarWeek({ items, days, today, renderEntry, dropOn }: CalendarGridProps) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const names = weekdayNames(language);
  const byHour = bucketByHour(items);
  const hours = visibleHours(items);
  return (
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
                label={`${dayTitle(day, language)} ${t("posts.calendar.hour", { h: hour })}`}
                onDropVariant={dropOn(day, hour)}
                style={{
                  minHeight: 36,
                  padding: 2,
                  borderTop: "1px solid var(--mantine-color-default-border)",
                  borderLeft: "1px solid var(--mantine-color-default-border)",
                }}
              >
                <Stack gap={2}>
                  {(byHour.get(slotKey(day, hour)) ?? []).map((item) => renderEntry(item))}
                </Stack>
              </DropCell>
            ))}
          </HourRow>
        ))}
      </Box>
    </Box>
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
