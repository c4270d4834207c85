import { Text, Textarea } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../backend/typed-client.ts";
import type { Channel, ChannelStatus } from "../../backend/types.ts";
import { ConfirmDialog } from "../../components/confirm-dialog.tsx";
import { DateField } from "../../components/date-fields.tsx";
import { FormDialog } from "../../components/form-dialog.tsx";
import { type UnitChoice, UnitPicker } from "../../components/unit-picker.tsx";
import { vietnamToday } from "../../i18n/format.ts";

/** After any change, the channel's page and every list that shows it may be stale. */
function useInvalidateChannels(): () => Promise<void> {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: ["channels"] });
}

const titleKeys: Record<ChannelStatus, string> = {
  closed: "channels.statusDialog.closeTitle",
  lost_control: "channels.statusDialog.lostControlTitle",
  active: "channels.statusDialog.reactivateTitle",
};
const explainKeys: Record<ChannelStatus, string> = {
  closed: "channels.statusDialog.closeExplain",
  lost_control: "channels.statusDialog.lostControlExplain",
  active: "channels.statusDialog.reactivateExplain",
};

/** Closes a channel, reports lost control or reactivates it, as of a chosen day (today by default). */
export function ChannelStatusDialog(props: {
  channel: Channel;
  status: ChannelStatus;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const invalidate = useInvalidateChannels();
  const today = vietnamToday();
  const [day, setDay] = useState(today);
  const [note, setNote] = useState("");
  const change = useMutation({
    mutationFn: () =>
      api("POST", "/api/channels/:id/status", {
        params: { id: props.channel.id },
        body: {
          status: props.status,
          // Today means now; an earlier day means that day in Vietnam, whatever the browser's zone.
          since: day === today ? undefined : `${day}T00:00:00+07:00`,
          note: note.trim() || undefined,
        },
      }),
    onSuccess: async () => {
      notifications.show({
        color: "green",
        message: t("channels.statusDialog.done", { status: t(`channels.status.${props.status}`) }),
      });
      await invalidate();
      props.onClose();
    },
  });
  return (
    <FormDialog
      opened={props.opened}
      onClose={props.onClose}
      title={t(titleKeys[props.status], { name: props.channel.displayName })}
      onSubmit={() => {
        if (day) {
          change.mutate();
        }
      }}
      submitLabel={t("channels.statusDialog.confirm")}
      submitDisabled={!day}
      loading={change.isPending}
      error={change.error}
    >
      <Text size="sm">{t(explainKeys[props.status])}</Text>
      <DateField
        label={t("channels.statusDialog.since")}
        description={t("channels.statusDialog.sinceHint")}
        required
        max={today}
        value={day}
        onChange={setDay}
      />
      <Textarea
        label={t("channels.statusDialog.note")}
        autosize
        minRows={2}
        maxLength={1000}
        value={note}
        onChange={(event) => setNote(event.currentTarget.value)}
      />
    </FormDialog>
  );
}

/** Hands a channel to another unit; the picker offers only units where the person manages channels. */
export function HandOverDialog(props: { channel: Channel; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const invalidate = useInvalidateChannels();
  const [unit, setUnit] = useState<UnitChoice | null>(null);
  const [note, setNote] = useState("");
  const handOver = useMutation({
    mutationFn: (unitId: string) =>
      api("POST", "/api/channels/:id/hand-over", {
        params: { id: props.channel.id },
        body: { unitId, note: note.trim() || undefined },
      }),
    onSuccess: async (channel) => {
      notifications.show({
        color: "green",
        message: t("channels.handOver.done", { unit: channel.unitName }),
      });
      await invalidate();
      props.onClose();
    },
  });
  return (
    <FormDialog
      opened={props.opened}
      onClose={props.onClose}
      title={t("channels.handOver.title", { name: props.channel.displayName })}
      onSubmit={() => {
        if (unit) {
          handOver.mutate(unit.id);
        }
      }}
      submitLabel={t("channels.handOver.confirm")}
      submitDisabled={!unit}
      loading={handOver.isPending}
      error={handOver.error}
    >
      <Text size="sm">{t("channels.handOver.explain")}</Text>
      <UnitPicker
        label={t("channels.handOver.unit")}
        value={unit}
        onChange={setUnit}
        permission="channels.manage"
        excludeId={props.channel.unitId}
        required
      />
      <Textarea
        label={t("channels.handOver.note")}
        autosize
        minRows={2}
        maxLength={1000}
        value={note}
        onChange={(event) => setNote(event.currentTarget.value)}
      />
    </FormDialog>
  );
}

/** Records that the person checked the channel really is the unit's. */
export function VerifyDialog(props: { channel: Channel; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const invalidate = useInvalidateChannels();
  const verify = useMutation({
    mutationFn: () => api("POST", "/api/channels/:id/verify", { params: { id: props.channel.id } }),
    onSuccess: async () => {
      notifications.show({ color: "green", message: t("channels.verify.done") });
      await invalidate();
      props.onClose();
    },
  });
  return (
    <ConfirmDialog
      opened={props.opened}
      onClose={props.onClose}
      title={t("channels.verify.title", { name: props.channel.displayName })}
      confirmLabel={t("channels.verify.confirm")}
      color="blue"
      loading={verify.isPending}
      error={verify.error}
      onConfirm={() => verify.mutate()}
    >
      <Text size="sm">{t("channels.verify.explain")}</Text>
    </ConfirmDialog>
  );
}

/** Takes a mistaken entry out of the registry, with a reason; the key is freed and the history kept. */
export function RemoveChannelDialog(props: {
  channel: Channel;
  opened: boolean;
  onClose: () => void;
  onRemoved: () => void;
}) {
  const { t } = useTranslation();
  const invalidate = useInvalidateChannels();
  const [reason, setReason] = useState("");
  const [tried, setTried] = useState(false);
  const remove = useMutation({
    mutationFn: () =>
      api("POST", "/api/channels/:id/remove", {
        params: { id: props.channel.id },
        body: { reason: reason.trim() },
      }),
    onSuccess: async () => {
      notifications.show({
        color: "green",
        message: t("channels.remove.done", { name: props.channel.displayName }),
      });
      props.onRemoved();
      await invalidate();
    },
  });
  return (
    <ConfirmDialog
      opened={props.opened}
      onClose={props.onClose}
      title={t("channels.remove.title", { name: props.channel.displayName })}
      confirmLabel={t("channels.remove.confirm")}
      loading={remove.isPending}
      error={remove.error}
      onConfirm={() => {
        setTried(true);
        if (reason.trim()) {
          remove.mutate();
        }
      }}
    >
      <Text size="sm">{t("channels.remove.explain")}</Text>
      <Text size="sm" c="dimmed">
        {t("channels.remove.closedInstead")}
      </Text>
      <Textarea
        label={t("channels.remove.reason")}
        required
        autosize
        minRows={2}
        maxLength={1000}
        value={reason}
        error={tried && !reason.trim() ? t("channels.remove.reasonRequired") : undefined}
        onChange={(event) => setReason(event.currentTarget.value)}
      />
    </ConfirmDialog>
  );
}
