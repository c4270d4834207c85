import { Text, Textarea, TextInput } from "@mantine/core";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { DateTimeField } from "../../components/date-fields.tsx";
import { FormDialog } from "../../components/form-dialog.tsx";
import { vietnamLocalToIso } from "../../i18n/format.ts";
import { vietnamLocalOf } from "./calendar-model.ts";

/** Next full hour, at least 30 minutes ahead: a sensible first guess for a publishing time. */
function defaultTime(): string {
  const soon = new Date(Date.now() + 30 * 60_000);
  soon.setUTCMinutes(0, 0, 0);
  return vietnamLocalOf(new Date(soon.getTime() + 3_600_000));
}

/** Send back to the author: the reason is required and travels with the variant. */
export function RejectDialog(props: {
  opened: boolean;
  loading: boolean;
  error: unknown;
  onClose: () => void;
  onConfirm: (reason: string) => void;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState("");
  const [missing, setMissing] = useState(false);
  useEffect(() => {
    if (props.opened) {
      setReason("");
      setMissing(false);
    }
  }, [props.opened]);
  return (
    <FormDialog
      opened={props.opened}
      onClose={props.onClose}
      title={t("posts.reject.title")}
      onSubmit={() => {
        if (!reason.trim()) {
          setMissing(true);
          return;
        }
        props.onConfirm(reason.trim());
      }}
      submitLabel={t("posts.actions.reject")}
      submitColor="red"
      submitTestId="reject-confirm"
      loading={props.loading}
      error={props.error}
    >
      <Textarea
        label={t("posts.reject.reason")}
        description={t("posts.reject.hint")}
        required
        autosize
        minRows={3}
        maxLength={2000}
        value={reason}
        error={missing ? t("posts.reject.reasonRequired") : undefined}
        onChange={(event) => {
          setReason(event.currentTarget.value);
          setMissing(false);
        }}
        data-testid="reject-reason"
        data-autofocus
      />
    </FormDialog>
  );
}

/** A date and time in Vietnam time, whatever the device's zone says. */
export function ScheduleDialog(props: {
  opened: boolean;
  loading: boolean;
  error: unknown;
  /** The current time when moving a scheduled variant. */
  current?: string | null | undefined;
  title?: string | undefined;
  onClose: () => void;
  onConfirm: (iso: string) => void;
}) {
  const { t } = useTranslation();
  const [value, setValue] = useState("");
  const [invalid, setInvalid] = useState<string | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new opening starts from the current time
  useEffect(() => {
    if (props.opened) {
      setValue(props.current ? vietnamLocalOf(props.current) : defaultTime());
      setInvalid(null);
    }
  }, [props.opened]);
  return (
    <FormDialog
      opened={props.opened}
      onClose={props.onClose}
      title={props.title ?? t("posts.schedule.title")}
      testId="schedule-dialog"
      onSubmit={() => {
        if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) {
          setInvalid(t("posts.schedule.invalid"));
          return;
        }
        const iso = vietnamLocalToIso(value);
        if (Date.parse(iso) < Date.now()) {
          setInvalid(t("posts.schedule.past"));
          return;
        }
        props.onConfirm(iso);
      }}
      submitLabel={t("posts.schedule.confirm")}
      submitTestId="schedule-confirm"
      loading={props.loading}
      error={props.error}
    >
      <DateTimeField
        label={t("posts.schedule.at")}
        description={t("posts.schedule.zone")}
        required
        value={value}
        error={invalid}
        onChange={(value) => {
          setValue(value);
          setInvalid(null);
        }}
        data-testid="schedule-at"
        data-autofocus
      />
    </FormDialog>
  );
}

/** For platforms Cầu Nối cannot post to: the address of what a person posted there. */
export function ByHandDialog(props: {
  opened: boolean;
  loading: boolean;
  error: unknown;
  onClose: () => void;
  onConfirm: (url: string) => void;
}) {
  const { t } = useTranslation();
  const [url, setUrl] = useState("");
  const [invalid, setInvalid] = useState(false);
  useEffect(() => {
    if (props.opened) {
      setUrl("");
      setInvalid(false);
    }
  }, [props.opened]);
  return (
    <FormDialog
      opened={props.opened}
      onClose={props.onClose}
      title={t("posts.byHand.title")}
      onSubmit={() => {
        if (!/^https?:\/\/\S+\.\S+/.test(url.trim())) {
          setInvalid(true);
          return;
        }
        props.onConfirm(url.trim());
      }}
      submitLabel={t("posts.byHand.confirm")}
      submitTestId="by-hand-confirm"
      loading={props.loading}
      error={props.error}
    >
      <Text size="sm">{t("posts.byHand.hint")}</Text>
      <TextInput
        type="url"
        label={t("posts.byHand.url")}
        placeholder="https://"
        required
        value={url}
        error={invalid ? t("posts.byHand.invalid") : undefined}
        onChange={(event) => {
          setUrl(event.currentTarget.value);
          setInvalid(false);
        }}
        data-testid="by-hand-url"
        data-autofocus
      />
    </FormDialog>
  );
}
