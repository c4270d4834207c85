import { ActionIcon, Alert, Button, Group, Modal, Radio, Stack, Text, Textarea } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useSignedInSession } from "../../../backend/session.ts";
import { api } from "../../../backend/typed-client.ts";
import { FormDialog } from "../../../components/form-dialog.tsx";
import { type PersonChoice, PersonPicker } from "../../../components/person-picker.tsx";
import { formatDay, vietnamToday } from "../../../i18n/format.ts";
import { weekdayName } from "./roster-api.ts";
import type { CellChoice } from "./roster-calendar.tsx";
import { useSlotTime } from "./roster-calendar.tsx";

/** Everything cached about the roster: a change to one shift or swap may show in the month and in my shifts. */
export const rosterKey = ["roster"] as const;

/**
 * One day's slot: a manager sets who is on duty and who leads; anyone else sees who is on it, and a
 * person on it may ask a colleague to take it.
 */
export function ShiftDialog({
  choice,
  unitId,
  canManage,
  onClose,
}: {
  choice: CellChoice;
  unitId: string;
  canManage: boolean;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const session = useSignedInSession();
  const client = useQueryClient();
  const slotTime = useSlotTime();
  const [people, setPeople] = useState<PersonChoice[]>(
    choice.shift?.people.map((person) => ({ id: person.id, fullName: person.fullName })) ?? [],
  );
  const [leaderId, setLeaderId] = useState<string>(
    choice.shift?.people.find((person) => person.isLeader)?.id ?? "",
  );
  const [swapping, setSwapping] = useState(false);
  const save = useMutation({
    mutationFn: () =>
      api("PUT", "/api/roster/shifts", {
        body: {
          unitId,
          day: choice.day,
          slotId: choice.slot.id,
          personIds: people.map((person) => person.id),
          leaderId: leaderId && people.some((person) => person.id === leaderId) ? leaderId : null,
        },
      }),
    onSuccess: async () => {
      notifications.show({ color: "green", message: t("inbox.roster.shift.saved") });
      await client.invalidateQueries({ queryKey: rosterKey });
      onClose();
    },
  });
  const title = t("inbox.roster.shift.title", {
    slot: choice.slot.name,
    weekday: weekdayName(choice.day, i18n.language),
    day: formatDay(choice.day),
  });
  const mine = choice.shift?.people.some((person) => person.id === session.person.id) ?? false;
  const mayAskSwap = Boolean(
    choice.shift && mine && !choice.shift.pendingSwap && choice.day >= vietnamToday(),
  );

  if (swapping && choice.shift) {
    return <SwapDialog shift={{ ...choice.shift, slotTime: slotTime(choice.slot) }} onClose={onClose} />;
  }

  const swapButton = mayAskSwap && (
    <Button variant="light" onClick={() => setSwapping(true)}>
      {t("inbox.roster.shift.askSwap")}
    </Button>
  );

  if (!canManage) {
    return (
      <Modal opened onClose={onClose} title={title} centered>
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {slotTime(choice.slot)}
          </Text>
          {choice.shift && choice.shift.people.length > 0 ? (
            <Stack gap={2}>
              {choice.shift.people.map((person) => (
                <Text key={person.id} size="sm" fw={person.isLeader ? 700 : 400}>
                  {person.fullName}
                  {person.isLeader && ` (${t("inbox.roster.leader")})`}
                  {person.away && ` (${t("inbox.roster.awayMark")})`}
                </Text>
              ))}
            </Stack>
          ) : (
            <Text size="sm">{t("inbox.roster.nobody")}</Text>
          )}
          <Text size="xs" c="dimmed">
            {t("inbox.roster.shift.readOnly")}
          </Text>
          <Group justify="flex-end">
            {swapButton}
            <Button variant="default" onClick={onClose}>
              {t("common.close")}
            </Button>
          </Group>
        </Stack>
      </Modal>
    );
  }

  return (
    <FormDialog
      opened
      onClose={onClose}
      title={title}
      onSubmit={() => save.mutate()}
      submitLabel={t("inbox.roster.shift.save")}
      loading={save.isPending}
      error={save.error}
      testId="shift-dialog"
    >
      <Text size="sm" c="dimmed">
        {slotTime(choice.slot)}
      </Text>
      <Radio.Group
        label={t("inbox.roster.shift.people")}
        description={people.length > 0 ? t("inbox.roster.shift.leaderHint") : undefined}
        value={leaderId}
        onChange={setLeaderId}
      >
        <Stack gap={6} mt={6}>
          {people.length === 0 && (
            <Alert variant="light" color="gray">
              {t("inbox.roster.shift.empty")}
            </Alert>
          )}
          {people.map((person) => (
            <Group key={person.id} justify="space-between" wrap="nowrap" gap="xs">
              <Radio
                value={person.id}
                label={person.fullName}
                aria-label={`${t("inbox.roster.shift.leader")}: ${person.fullName}`}
              />
              <ActionIcon
                variant="subtle"
                color="red"
                aria-label={t("inbox.roster.shift.remove", { name: person.fullName })}
                onClick={() => setPeople((current) => current.filter((other) => other.id !== person.id))}
              >
                ×
              </ActionIcon>
            </Group>
          ))}
          {people.length > 0 && <Radio value="" label={t("inbox.roster.shift.noLeader")} />}
        </Stack>
      </Radio.Group>
      <PersonPicker
        label={t("inbox.roster.shift.addPerson")}
        placeholder={t("inbox.roster.shift.addPersonPlaceholder")}
        value={null}
        onChange={(person) => {
          if (person && !people.some((other) => other.id === person.id)) {
            setPeople((current) => [...current, person]);
          }
        }}
      />
      {swapButton && <Group>{swapButton}</Group>}
    </FormDialog>
  );
}

/** Asks a colleague to take one of my shifts; it changes hands only once they accept. */
export function SwapDialog({
  shift,
  onClose,
}: {
  shift: { id: string; day: string; slotName: string; slotTime: string };
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [to, setTo] = useState<PersonChoice | null>(null);
  const [note, setNote] = useState("");
  const [tried, setTried] = useState(false);
  const send = useMutation({
    mutationFn: (toPersonId: string) =>
      api("POST", "/api/roster/swaps", {
        body: { shiftId: shift.id, toPersonId, note: note.trim() || undefined },
      }),
    onSuccess: async () => {
      notifications.show({ color: "green", message: t("inbox.roster.swap.sent") });
      await client.invalidateQueries({ queryKey: rosterKey });
      onClose();
    },
  });
  return (
    <FormDialog
      opened
      onClose={onClose}
      title={t("inbox.roster.swap.title")}
      onSubmit={() => {
        setTried(true);
        if (to) {
          send.mutate(to.id);
        }
      }}
      submitLabel={t("inbox.roster.swap.submit")}
      loading={send.isPending}
      error={send.error}
      testId="swap-dialog"
    >
      <Text size="sm" fw={600}>
        {t("inbox.roster.swap.shift", {
          slot: shift.slotName,
          day: formatDay(shift.day),
          time: shift.slotTime,
        })}
      </Text>
      <Text size="sm" c="dimmed">
        {t("inbox.roster.swap.explain")}
      </Text>
      <div>
        <PersonPicker
          label={t("inbox.roster.swap.to")}
          placeholder={t("inbox.roster.swap.toPlaceholder")}
          value={to}
          onChange={setTo}
        />
        {tried && !to && (
          <Text size="xs" c="red" mt={4} role="alert">
            {t("inbox.roster.swap.chooseTo")}
          </Text>
        )}
      </div>
      <Textarea
        label={t("inbox.roster.swap.note")}
        description={t("common.optional")}
        autosize
        minRows={2}
        maxLength={500}
        value={note}
        onChange={(event) => setNote(event.currentTarget.value)}
      />
    </FormDialog>
  );
}
