import {
  Alert,
  Button,
  Group,
  NumberInput,
  Paper,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  Textarea,
  Title,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import type { ResponseOf } from "../../../backend/typed-client.ts";
import { api } from "../../../backend/typed-client.ts";
import { InvalidFieldNotice, useFirstInvalidField } from "../../../components/invalid-field.tsx";
import { ErrorBlock, FormError, LoadingBlock } from "../../../components/state-blocks.tsx";

type Settings = ResponseOf<"GET", "/api/inbox/settings">;

/** The limits the server accepts (src/shared/api/inbox-targets.ts). */
const limits = {
  firstResponseMinutes: [5, 7 * 24 * 60],
  resolutionHours: [1, 24 * 30],
  warnBeforeMinutes: [0, 24 * 60],
  retentionMonths: [1, 120],
} as const;
type NumberField = keyof typeof limits;

/** Targets, auto-reply and retention of one unit; read-only for a reader who may not manage it. */
export function SettingsForm({ unitId }: { unitId: string }) {
  const settings = useQuery({
    queryKey: ["inbox", "settings", unitId],
    queryFn: () => api("GET", "/api/inbox/settings", { query: { unitId } }),
  });
  if (settings.isPending) {
    return <LoadingBlock />;
  }
  if (settings.isError) {
    return <ErrorBlock error={settings.error} onRetry={() => void settings.refetch()} />;
  }
  return <LoadedForm settings={settings.data} />;
}

function LoadedForm({ settings }: { settings: Settings }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const invalid = useFirstInvalidField();
  const [numbers, setNumbers] = useState<Record<NumberField, number | string>>({
    firstResponseMinutes: settings.firstResponseMinutes,
    resolutionHours: settings.resolutionHours,
    warnBeforeMinutes: settings.warnBeforeMinutes,
    retentionMonths: settings.retentionMonths,
  });
  const [autoReplyEnabled, setAutoReplyEnabled] = useState(settings.autoReplyEnabled);
  const [autoReplyText, setAutoReplyText] = useState(settings.autoReplyText ?? "");
  const [tried, setTried] = useState(false);
  const errorOf = (field: NumberField) => {
    const value = numbers[field];
    const [min, max] = limits[field];
    const ok = typeof value === "number" && Number.isInteger(value) && value >= min && value <= max;
    return tried && !ok ? t("inbox.targets.settings.range", { min, max }) : undefined;
  };
  const valid = (Object.keys(limits) as NumberField[]).every((field) => {
    const value = numbers[field];
    const [min, max] = limits[field];
    return typeof value === "number" && Number.isInteger(value) && value >= min && value <= max;
  });
  const save = useMutation({
    mutationFn: () =>
      api("PUT", "/api/inbox/settings", {
        body: {
          unitId: settings.unitId,
          firstResponseMinutes: Number(numbers.firstResponseMinutes),
          resolutionHours: Number(numbers.resolutionHours),
          warnBeforeMinutes: Number(numbers.warnBeforeMinutes),
          retentionMonths: Number(numbers.retentionMonths),
          autoReplyEnabled,
          autoReplyText: autoReplyText.trim() || null,
        },
      }),
    onSuccess: (saved) => {
      client.setQueryData(["inbox", "settings", settings.unitId], saved);
      notifications.show({ color: "green", message: t("inbox.targets.settings.saved") });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (valid) {
      save.mutate();
    }
    invalid.afterSubmit();
  };
  const disabled = !settings.canManage;
  const field = (name: NumberField, label: string, description?: string) => (
    <NumberInput
      label={label}
      description={description}
      value={numbers[name]}
      onChange={(value) => setNumbers((current) => ({ ...current, [name]: value }))}
      min={limits[name][0]}
      max={limits[name][1]}
      allowDecimal={false}
      allowNegative={false}
      thousandSeparator="."
      decimalSeparator=","
      error={errorOf(name)}
      disabled={disabled}
    />
  );
  const retention = Number(numbers.retentionMonths) || settings.retentionMonths;
  // The server's preview is of the saved text; a text being typed is previewed here the same way.
  const typedPreview = autoReplyText.trim()
    ? autoReplyText.trim().replaceAll("{gio_mo_cua}", previewTime(settings.autoReplyPreview))
    : settings.autoReplyPreview;

  return (
    <form
      ref={invalid.formRef}
      noValidate
      onSubmit={submit}
      onChange={invalid.afterInput}
      data-testid="settings-form"
    >
      <Stack gap="md">
        {disabled && (
          <Alert color="gray" variant="light">
            {t("inbox.targets.settings.readOnly")}
          </Alert>
        )}
        <Paper withBorder p={{ base: "xs", sm: "md" }}>
          <Title order={2} size="h4" mb={4}>
            {t("inbox.targets.settings.targets")}
          </Title>
          <Text size="sm" c="dimmed" mb="sm">
            {t("inbox.targets.settings.targetsExplain")}
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            {field("firstResponseMinutes", t("inbox.targets.settings.firstResponse"))}
            {field("resolutionHours", t("inbox.targets.settings.resolution"))}
            {field(
              "warnBeforeMinutes",
              t("inbox.targets.settings.warn"),
              t("inbox.targets.settings.warnHint"),
            )}
          </SimpleGrid>
          <Text size="sm" c="dimmed" mt="sm">
            {t("inbox.targets.settings.escalationHint")}
          </Text>
        </Paper>
        <Paper withBorder p={{ base: "xs", sm: "md" }}>
          <Title order={2} size="h4" mb="sm">
            {t("inbox.targets.settings.autoReply")}
          </Title>
          <Stack gap="sm">
            <Switch
              label={t("inbox.targets.settings.autoReplyEnabled")}
              checked={autoReplyEnabled}
              onChange={(event) => setAutoReplyEnabled(event.currentTarget.checked)}
              disabled={disabled}
            />
            <Textarea
              label={t("inbox.targets.settings.autoReplyText")}
              description={t("inbox.targets.settings.autoReplyHint")}
              placeholder={settings.autoReplyPreview}
              autosize
              minRows={3}
              maxLength={1000}
              value={autoReplyText}
              onChange={(event) => setAutoReplyText(event.currentTarget.value)}
              disabled={disabled || !autoReplyEnabled}
            />
            <div>
              <Text size="sm" fw={600}>
                {t("inbox.targets.settings.preview")}
              </Text>
              <Text size="xs" c="dimmed">
                {t("inbox.targets.settings.previewExplain")}
              </Text>
              <Paper bg="gray.0" p="xs" mt={4} data-testid="auto-reply-preview">
                <Text size="sm" style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>
                  {typedPreview}
                </Text>
              </Paper>
            </div>
          </Stack>
        </Paper>
        <Paper withBorder p={{ base: "xs", sm: "md" }}>
          <Title order={2} size="h4" mb="sm">
            {t("inbox.targets.settings.retention")}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            {field("retentionMonths", t("inbox.targets.settings.retentionMonths"))}
          </SimpleGrid>
          <Text size="sm" c="dimmed" mt="sm">
            {t("inbox.targets.settings.retentionExplain", { months: retention })}
          </Text>
        </Paper>
        <InvalidFieldNotice message={invalid.message} />
        <FormError error={save.error} />
        {!disabled && (
          <Group>
            <Button type="submit" loading={save.isPending}>
              {t("inbox.targets.settings.save")}
            </Button>
          </Group>
        )}
      </Stack>
    </form>
  );
}

/**
 * The "when the office is back" words inside the server's preview ("07:00 thứ Hai, 08/12"), reused to
 * preview a text being typed before it is saved; "ca trực tiếp theo" when no shift is planned.
 */
function previewTime(preview: string): string {
  return /\d{2}:\d{2} [^,.]+, \d{2}\/\d{2}/.exec(preview)?.[0] ?? "ca trực tiếp theo";
}
