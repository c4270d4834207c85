import { Badge, Button, Group, Paper, SimpleGrid, Stack, Text, TextInput, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../../backend/typed-client.ts";
import { ConfirmDialog } from "../../../components/confirm-dialog.tsx";
import { DateField } from "../../../components/date-fields.tsx";
import { InvalidFieldNotice, useFirstInvalidField } from "../../../components/invalid-field.tsx";
import { EmptyBlock, FormError } from "../../../components/state-blocks.tsx";
import { formatDay } from "../../../i18n/format.ts";
import { type RosterMonth, weekdayName } from "./roster-api.ts";
import { rosterKey } from "./shift-dialogs.tsx";

type Holiday = RosterMonth["holidays"][number];

/** The month's holidays (the clock stops on them); a manager adds and removes the unit's own. */
export function HolidaysPanel({ data }: { data: RosterMonth }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const [day, setDay] = useState("");
  const [name, setName] = useState("");
  const [tried, setTried] = useState(false);
  const invalid = useFirstInvalidField();
  const [removing, setRemoving] = useState<Holiday | null>(null);
  const add = useMutation({
    mutationFn: () =>
      api("POST", "/api/roster/holidays", { body: { unitId: data.unitId, day, name: name.trim() } }),
    onSuccess: async () => {
      notifications.show({ color: "green", message: t("inbox.roster.holidays.added") });
      setDay("");
      setName("");
      setTried(false);
      await client.invalidateQueries({ queryKey: rosterKey });
    },
  });
  const remove = useMutation({
    mutationFn: (holiday: Holiday) =>
      api("DELETE", "/api/roster/holidays/:unitId/:day", {
        params: { unitId: holiday.unitId, day: holiday.day },
      }),
    onSuccess: async () => {
      notifications.show({ color: "green", message: t("inbox.roster.holidays.removed") });
      setRemoving(null);
      await client.invalidateQueries({ queryKey: rosterKey });
    },
  });
  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        {t("inbox.roster.holidays.explain")}
      </Text>
      {data.holidays.length === 0 ? (
        <EmptyBlock title={t("inbox.roster.holidays.empty")} />
      ) : (
        <Stack gap={4} data-testid="holidays">
          {data.holidays.map((holiday) => (
            <Group key={`${holiday.unitId}-${holiday.day}`} justify="space-between" gap="xs">
              <Stack gap={0}>
                <Text size="sm" fw={600}>
                  {weekdayName(holiday.day, i18n.language)} {formatDay(holiday.day)} · {holiday.name}
                </Text>
                {holiday.unitId !== data.unitId && (
                  <Badge size="xs" variant="light" color="gray" tt="none">
                    {t("inbox.roster.holidays.inherited")}
                  </Badge>
                )}
              </Stack>
              {data.canManage && holiday.unitId === data.unitId && (
                <Button size="xs" variant="subtle" color="red" onClick={() => setRemoving(holiday)}>
                  {t("inbox.roster.holidays.remove")}
                </Button>
              )}
            </Group>
          ))}
        </Stack>
      )}
      {data.canManage && (
        <Paper withBorder p="sm">
          <form
            ref={invalid.formRef}
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              setTried(true);
              if (day && name.trim()) {
                add.mutate();
              }
              invalid.afterSubmit();
            }}
            onChange={invalid.afterInput}
          >
            <Stack gap="xs">
              <Title order={2} size="h5">
                {t("inbox.roster.holidays.add")}
              </Title>
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
                <DateField
                  label={t("inbox.roster.holidays.day")}
                  value={day}
                  onChange={(next) => {
                    setDay(next);
                    // A day picked on the calendar fires no change event on the form.
                    invalid.afterInput();
                  }}
                  required
                  error={tried && !day ? t("inbox.roster.holidays.fillDay") : undefined}
                  data-testid="holiday-day"
                />
                <TextInput
                  label={t("inbox.roster.holidays.name")}
                  placeholder={t("inbox.roster.holidays.namePlaceholder")}
                  required
                  maxLength={120}
                  value={name}
                  onChange={(event) => setName(event.currentTarget.value)}
                  error={tried && !name.trim() ? t("inbox.roster.holidays.fillName") : undefined}
                />
              </SimpleGrid>
              <InvalidFieldNotice message={invalid.message} />
              <FormError error={add.error} />
              <Group>
                <Button type="submit" loading={add.isPending}>
                  {t("inbox.roster.holidays.add")}
                </Button>
              </Group>
            </Stack>
          </form>
        </Paper>
      )}
      {removing && (
        <ConfirmDialog
          opened
          title={t("inbox.roster.holidays.removeTitle")}
          confirmLabel={t("inbox.roster.holidays.remove")}
          loading={remove.isPending}
          error={remove.error}
          onConfirm={() => remove.mutate(removing)}
          onClose={() => setRemoving(null)}
        >
          <Text size="sm">
            {t("inbox.roster.holidays.removeConfirm", { day: formatDay(removing.day), name: removing.name })}
          </Text>
        </ConfirmDialog>
      )}
    </Stack>
  );
}
