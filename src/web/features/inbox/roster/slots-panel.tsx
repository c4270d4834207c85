import { Badge, Button, Group, Paper, SimpleGrid, Stack, Text, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../../backend/typed-client.ts";
import { ConfirmDialog } from "../../../components/confirm-dialog.tsx";
import { FormDialog } from "../../../components/form-dialog.tsx";
import { PlusIcon } from "../../../components/icons.tsx";
import { EmptyBlock } from "../../../components/state-blocks.tsx";
import { parseTimeInput } from "../../../i18n/format.ts";
import type { RosterMonth, RosterSlot } from "./roster-api.ts";
import { useSlotTime } from "./roster-calendar.tsx";
import { rosterKey } from "./shift-dialogs.tsx";

/** The unit's slots of the day (name, start, end); a manager adds, edits and removes them. */
export function SlotsPanel({ data }: { data: RosterMonth }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const slotTime = useSlotTime();
  const [editing, setEditing] = useState<RosterSlot | "new" | null>(null);
  const [removing, setRemoving] = useState<RosterSlot | null>(null);
  const remove = useMutation({
    mutationFn: (id: string) => api("DELETE", "/api/roster/slots/:id", { params: { id } }),
    onSuccess: async () => {
      notifications.show({ color: "green", message: t("inbox.roster.slots.removed") });
      setRemoving(null);
      await client.invalidateQueries({ queryKey: rosterKey });
    },
  });
  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        {t("inbox.roster.slots.explain")}
      </Text>
      {data.slots.length === 0 && <EmptyBlock title={t("inbox.roster.slots.empty")} />}
      {data.slots.map((slot) => (
        <Paper key={slot.id} withBorder p="xs" data-testid="slot-row">
          <Group justify="space-between" gap="xs">
            <Stack gap={0}>
              <Text fw={600} size="sm">
                {slot.name}
              </Text>
              <Group gap={6}>
                <Text size="sm" c="dimmed">
                  {slotTime(slot)}
                </Text>
                {slot.overnight && (
                  <Badge size="xs" variant="light" color="indigo" tt="none">
                    {t("inbox.roster.overnight")}
                  </Badge>
                )}
              </Group>
            </Stack>
            {data.canManage && (
              <Group gap={4}>
                <Button size="xs" variant="default" onClick={() => setEditing(slot)}>
                  {t("inbox.roster.slots.edit")}
                </Button>
                <Button size="xs" variant="subtle" color="red" onClick={() => setRemoving(slot)}>
                  {t("inbox.roster.slots.remove")}
                </Button>
              </Group>
            )}
          </Group>
        </Paper>
      ))}
      {data.canManage && (
        <Group>
          <Button leftSection={<PlusIcon size={16} />} onClick={() => setEditing("new")}>
            {t("inbox.roster.slots.add")}
          </Button>
        </Group>
      )}
      {editing && (
        <SlotDialog
          unitId={data.unitId}
          slot={editing === "new" ? null : editing}
          onClose={() => setEditing(null)}
        />
      )}
      {removing && (
        <ConfirmDialog
          opened
          title={t("inbox.roster.slots.removeTitle", { name: removing.name })}
          confirmLabel={t("inbox.roster.slots.remove")}
          loading={remove.isPending}
          error={remove.error}
          onConfirm={() => remove.mutate(removing.id)}
          onClose={() => setRemoving(null)}
        >
          <Text size="sm">{t("inbox.roster.slots.removeConfirm")}</Text>
        </ConfirmDialog>
      )}
    </Stack>
  );
}

function SlotDialog({
  unitId,
  slot,
  onClose,
}: {
  unitId: string;
  slot: RosterSlot | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [name, setName] = useState(slot?.name ?? "");
  const [start, setStart] = useState(slot?.start ?? "");
  const [end, setEnd] = useState(slot?.end ?? "");
  const [tried, setTried] = useState(false);
  const startTime = parseTimeInput(start);
  // "24:00" is a valid end (the slot closes at midnight).
  const endTime = end.trim() === "24:00" ? "24:00" : parseTimeInput(end);
  const save = useMutation({
    mutationFn: (body: { unitId: string; name: string; start: string; end: string }) =>
      slot
        ? api("PUT", "/api/roster/slots/:id", { params: { id: slot.id }, body })
        : api("POST", "/api/roster/slots", { body }),
    onSuccess: async () => {
      notifications.show({ color: "green", message: t("inbox.roster.slots.saved") });
      await client.invalidateQueries({ queryKey: rosterKey });
      onClose();
    },
  });
  return (
    <FormDialog
      opened
      onClose={onClose}
      title={t(slot ? "inbox.roster.slots.editTitle" : "inbox.roster.slots.addTitle")}
      onSubmit={() => {
        setTried(true);
        if (name.trim() && startTime && endTime) {
          save.mutate({ unitId, name: name.trim(), start: startTime, end: endTime });
        }
      }}
      submitLabel={t("common.save")}
      loading={save.isPending}
      error={save.error}
      testId="slot-dialog"
    >
      <TextInput
        label={t("inbox.roster.slots.name")}
        placeholder={t("inbox.roster.slots.namePlaceholder")}
        required
        maxLength={60}
        value={name}
        onChange={(event) => setName(event.currentTarget.value)}
        error={tried && !name.trim() ? t("inbox.roster.slots.fillName") : undefined}
      />
      <SimpleGrid cols={2} spacing="xs">
        <TextInput
          label={t("inbox.roster.slots.start")}
          placeholder={t("inbox.roster.slots.timePlaceholder")}
          inputMode="numeric"
          maxLength={5}
          required
          value={start}
          onChange={(event) => setStart(event.currentTarget.value)}
          onBlur={() => startTime && setStart(startTime)}
          error={tried && !startTime ? t("inbox.roster.slots.badTime") : undefined}
        />
        <TextInput
          label={t("inbox.roster.slots.end")}
          placeholder={t("inbox.roster.slots.timePlaceholder")}
          inputMode="numeric"
          maxLength={5}
          required
          value={end}
          onChange={(event) => setEnd(event.currentTarget.value)}
          onBlur={() => endTime && setEnd(endTime)}
          error={tried && !endTime ? t("inbox.roster.slots.badTime") : undefined}
        />
      </SimpleGrid>
      {startTime && endTime && endTime !== "24:00" && endTime <= startTime && (
        <Text size="sm" c="indigo">
          {t("inbox.roster.slotTimeOvernight", { start: startTime, end: endTime })}
        </Text>
      )}
    </FormDialog>
  );
}
