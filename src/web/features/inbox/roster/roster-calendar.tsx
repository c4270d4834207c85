import {
  Badge,
  Button,
  Card,
  Group,
  Paper,
  Stack,
  Table,
  Text,
  UnstyledButton,
  VisuallyHidden,
} from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { usePhoneLayout } from "../../../components/phone-layout.ts";
import { vietnamToday } from "../../../i18n/format.ts";
import classes from "./roster.module.css";
import {
  daysOfMonth,
  type RosterMonth,
  type RosterShift,
  type RosterSlot,
  shiftKey,
  shortDay,
  weekdayName,
  weekdayOf,
} from "./roster-api.ts";

/** What a click on a day's slot opens: the shift there (or nothing planned yet). */
export interface CellChoice {
  day: string;
  slot: RosterSlot;
  shift: RosterShift | null;
}

/** A slot's hours, "07:00–11:30", with "(hôm sau)" when it runs past midnight. */
export function useSlotTime(): (slot: Pick<RosterSlot, "start" | "end" | "overnight">) => string {
  const { t } = useTranslation();
  return (slot) =>
    t(slot.overnight ? "inbox.roster.slotTimeOvernight" : "inbox.roster.slotTime", {
      start: slot.start,
      end: slot.end,
    });
}

/**
 * The month's roster: on a wide screen a grid of days (rows) by slots (columns) with the people on
 * duty; on a phone the same, one card per day. Holidays are shaded with their name, a waiting swap
 * is marked, the shift leader is starred. A cell opens the shift.
 */
export function RosterCalendar({
  data,
  onCell,
}: {
  data: RosterMonth;
  onCell: (choice: CellChoice) => void;
}) {
  const { t, i18n } = useTranslation();
  const phone = usePhoneLayout();
  const slotTime = useSlotTime();
  const shifts = new Map(data.shifts.map((shift) => [shiftKey(shift.day, shift.slotId), shift]));
  const holidays = new Map(data.holidays.map((holiday) => [holiday.day, holiday.name]));
  const days = daysOfMonth(data.month);
  const today = vietnamToday();
  const [showPast, setShowPast] = useState(false);

  if (phone) {
    // On a phone the month opens at today: the days gone by are one tap away.
    const past = showPast ? [] : days.filter((day) => day < today);
    return (
      <Stack gap="xs" data-testid="roster-days">
        <RosterLegend />
        {past.length > 0 && (
          <Button
            variant="subtle"
            size="xs"
            onClick={() => setShowPast(true)}
            style={{ alignSelf: "flex-start" }}
          >
            {t("inbox.roster.showPast", { count: past.length })}
          </Button>
        )}
        {days.slice(past.length).map((day) => {
          const holiday = holidays.get(day);
          return (
            <Card
              key={day}
              withBorder
              padding="xs"
              className={holiday ? classes.holidayCard : undefined}
              data-testid="roster-day"
              data-day={day}
              aria-current={day === today ? "date" : undefined}
            >
              <Group gap="xs" mb={4}>
                <Text fw={700} size="sm">
                  {weekdayName(day, i18n.language)} {shortDay(day)}
                </Text>
                {day === today && (
                  <Badge size="xs" variant="light" tt="none">
                    {t("inbox.roster.today")}
                  </Badge>
                )}
                {holiday && (
                  <Badge size="sm" color="orange" variant="light" tt="none">
                    {t("inbox.roster.holiday", { name: holiday })}
                  </Badge>
                )}
              </Group>
              <Stack gap={4}>
                {data.slots.map((slot) => {
                  const shift = shifts.get(shiftKey(day, slot.id)) ?? null;
                  return (
                    <UnstyledButton
                      key={slot.id}
                      className={classes.cell}
                      onClick={() => onCell({ day, slot, shift })}
                      data-testid="roster-cell"
                      data-slot={slot.name}
                    >
                      <Text size="xs" c="dimmed">
                        {slot.name} · {slotTime(slot)}
                      </Text>
                      <ShiftPeople shift={shift} />
                    </UnstyledButton>
                  );
                })}
              </Stack>
            </Card>
          );
        })}
      </Stack>
    );
  }

  return (
    <Stack gap="xs">
      <RosterLegend withNobody />
      <Paper withBorder>
        <Table.ScrollContainer minWidth={160 + data.slots.length * 180}>
          <Table withColumnBorders verticalSpacing={4} data-testid="roster-grid" className={classes.grid}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={130}>{t("inbox.roster.day")}</Table.Th>
                {data.slots.map((slot) => (
                  <Table.Th key={slot.id}>
                    <Text size="sm" fw={700}>
                      {slot.name}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {slotTime(slot)}
                    </Text>
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {days.map((day) => {
                const holiday = holidays.get(day);
                const weekday = weekdayOf(day);
                const rowClass = [
                  holiday ? classes.holidayRow : weekday >= 6 ? classes.weekendRow : "",
                  weekday === 1 ? classes.weekStart : "",
                  day === today ? classes.today : "",
                ]
                  .filter(Boolean)
                  .join(" ");
                return (
                  <Table.Tr key={day} className={rowClass} data-testid="roster-day" data-day={day}>
                    <Table.Td>
                      <Text size="sm" fw={day === today ? 700 : 500}>
                        {weekdayName(day, i18n.language)} {shortDay(day)}
                      </Text>
                      {holiday && (
                        <Text size="xs" c="orange.9" fw={600}>
                          {holiday}
                        </Text>
                      )}
                    </Table.Td>
                    {data.slots.map((slot) => {
                      const shift = shifts.get(shiftKey(day, slot.id)) ?? null;
                      return (
                        <Table.Td key={slot.id} p={2}>
                          <UnstyledButton
                            className={classes.cell}
                            onClick={() => onCell({ day, slot, shift })}
                            data-testid="roster-cell"
                            data-slot={slot.name}
                          >
                            <VisuallyHidden>
                              {slot.name}, {weekdayName(day, i18n.language)} {shortDay(day)}:{" "}
                            </VisuallyHidden>
                            <ShiftPeople shift={shift} compact />
                          </UnstyledButton>
                        </Table.Td>
                      );
                    })}
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>
    </Stack>
  );
}

/**
 * What the cells' marks mean, for the eye: the star's title shows on a mouse only, never on a phone.
 * Screen readers hear it in each cell instead ("Lê Thu Trang (trưởng ca)"), so this stays silent.
 */
function RosterLegend({ withNobody }: { withNobody?: boolean }) {
  const { t } = useTranslation();
  return (
    <Group gap="md" aria-hidden="true" data-testid="roster-legend">
      <Text size="xs" c="dimmed">
        ★ {t("inbox.roster.leaderMark")}
      </Text>
      {withNobody && (
        <Text size="xs" c="dimmed">
          — {t("inbox.roster.nobody")}
        </Text>
      )}
    </Group>
  );
}

/** The people of a shift, leader starred, away people dimmed, and a waiting swap marked. */
function ShiftPeople({ shift, compact }: { shift: RosterShift | null; compact?: boolean }) {
  const { t } = useTranslation();
  if (!shift || shift.people.length === 0) {
    return (
      <Text size="sm" c="dimmed" fs="italic">
        {compact ? (
          <>
            <span aria-hidden="true">—</span>
            <VisuallyHidden>{t("inbox.roster.nobody")}</VisuallyHidden>
          </>
        ) : (
          t("inbox.roster.nobody")
        )}
      </Text>
    );
  }
  return (
    <Stack gap={0}>
      {shift.people.map((person) => (
        <Text
          key={person.id}
          size="sm"
          fw={person.isLeader ? 700 : 400}
          c={person.away ? "dimmed" : undefined}
          style={{ overflowWrap: "anywhere" }}
        >
          {person.isLeader && (
            <span title={t("inbox.roster.leaderMark")} aria-hidden="true">
              ★{" "}
            </span>
          )}
          {person.fullName}
          {person.isLeader && <VisuallyHidden> ({t("inbox.roster.leader")})</VisuallyHidden>}
          {person.away && ` (${t("inbox.roster.awayMark")})`}
        </Text>
      ))}
      {shift.pendingSwap && (
        <Badge
          size="xs"
          color="grape"
          variant="light"
          tt="none"
          mt={2}
          title={t("inbox.roster.pendingSwap", {
            from: shift.pendingSwap.from.fullName,
            to: shift.pendingSwap.to.fullName,
          })}
        >
          {t("inbox.roster.pendingSwapShort")}
        </Badge>
      )}
    </Stack>
  );
}
