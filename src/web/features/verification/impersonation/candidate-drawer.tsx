import {
  Alert,
  Anchor,
  Button,
  Drawer,
  Group,
  Image,
  Select,
  Stack,
  Text,
  Textarea,
  Title,
} from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../../backend/typed-client.ts";
import { FormDialog } from "../../../components/form-dialog.tsx";
import { usePhoneLayout } from "../../../components/phone-layout.ts";
import { ErrorBlock, FormError, LoadingBlock } from "../../../components/state-blocks.tsx";
import { formatDateTime } from "../../../i18n/format.ts";
import {
  type CandidateItem,
  PageAddress,
  ReasonList,
  Resemblance,
  ScoreBar,
  StatusBadge,
} from "./candidate-parts.tsx";

/** Choosing the real channel: the score's suggestion first, any registered channel by search. */
function ConfirmDialog({
  candidate,
  opened,
  onClose,
}: {
  candidate: CandidateItem;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [channelId, setChannelId] = useState<string | null>(candidate.channel?.id ?? null);
  const [search, setSearch] = useState("");
  const [debounced] = useDebouncedValue(search, 300);
  const [checked, setChecked] = useState(false);
  const channels = useQuery({
    queryKey: ["impersonation", "channels", debounced],
    queryFn: () => api("GET", "/api/channels", { query: { q: debounced, pageSize: 20 } }),
    enabled: opened,
  });
  const options = [
    ...(candidate.channel
      ? [
          {
            value: candidate.channel.id,
            label: `${candidate.channel.displayName} — ${candidate.channel.unitName}`,
          },
        ]
      : []),
    ...(channels.data?.items ?? [])
      .filter((channel) => channel.id !== candidate.channel?.id)
      .map((channel) => ({ value: channel.id, label: `${channel.displayName} — ${channel.unitName}` })),
  ];
  const confirm = useMutation({
    mutationFn: () =>
      api("POST", "/api/impersonation/candidates/:id/confirm", {
        params: { id: candidate.id },
        body: { channelId: channelId ?? undefined },
      }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ["impersonation"] });
      onClose();
    },
  });
  return (
    <FormDialog
      opened={opened}
      onClose={onClose}
      title={t("verification.impersonation.confirmTitle")}
      submitLabel={t("verification.impersonation.confirm")}
      submitColor="red"
      loading={confirm.isPending}
      error={confirm.error}
      onSubmit={() => {
        setChecked(true);
        if (channelId) {
          confirm.mutate();
        }
      }}
    >
      <Text size="sm">{t("verification.impersonation.confirmHelp")}</Text>
      <Select
        label={t("verification.impersonation.realChannel")}
        placeholder={t("verification.impersonation.realChannelSearch")}
        data={options}
        value={channelId}
        onChange={setChannelId}
        searchable
        searchValue={search}
        onSearchChange={setSearch}
        filter={({ options: all }) => all}
        nothingFoundMessage="—"
        error={checked && !channelId ? t("verification.impersonation.realChannelRequired") : null}
        required
      />
    </FormDialog>
  );
}

function DismissDialog({
  candidate,
  opened,
  onClose,
}: {
  candidate: CandidateItem;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [note, setNote] = useState("");
  const [checked, setChecked] = useState(false);
  const dismiss = useMutation({
    mutationFn: () =>
      api("POST", "/api/impersonation/candidates/:id/dismiss", {
        params: { id: candidate.id },
        body: { note },
      }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ["impersonation"] });
      onClose();
    },
  });
  return (
    <FormDialog
      opened={opened}
      onClose={onClose}
      title={t("verification.impersonation.dismissTitle")}
      submitLabel={t("verification.impersonation.dismiss")}
      loading={dismiss.isPending}
      error={dismiss.error}
      onSubmit={() => {
        setChecked(true);
        if (note.trim()) {
          dismiss.mutate();
        }
      }}
    >
      <Textarea
        label={t("verification.impersonation.dismissNote")}
        value={note}
        onChange={(event) => setNote(event.currentTarget.value)}
        error={checked && !note.trim() ? t("verification.impersonation.dismissNoteRequired") : null}
        autosize
        minRows={3}
        required
      />
    </FormDialog>
  );
}

/** One candidate: what the score found, the screenshot, and the checker's decisions. */
export function CandidateDrawer({
  candidateId,
  onClose,
}: {
  candidateId: string | null;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const phone = usePhoneLayout();
  const queryClient = useQueryClient();
  const [dialog, setDialog] = useState<"confirm" | "dismiss" | null>(null);
  const candidate = useQuery({
    queryKey: ["impersonation", "candidate", candidateId],
    queryFn: () => api("GET", "/api/impersonation/candidates/:id", { params: { id: candidateId ?? "" } }),
    enabled: candidateId !== null,
  });
  const reopen = useMutation({
    mutationFn: () =>
      api("POST", "/api/impersonation/candidates/:id/reopen", {
        params: { id: candidateId ?? "" },
        body: {},
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["impersonation"] }),
  });
  const item = candidate.data;
  const sources = {
    citizen: t("verification.impersonation.sourceCitizen"),
    checker: t("verification.impersonation.sourceChecker"),
    import: t("verification.impersonation.sourceImport"),
  };
  return (
    <Drawer
      opened={candidateId !== null}
      onClose={onClose}
      position={phone ? "bottom" : "right"}
      size={phone ? "90%" : "lg"}
      title={t("verification.impersonation.detail")}
    >
      {candidate.isPending ? <LoadingBlock /> : null}
      {candidate.isError ? (
        <ErrorBlock error={candidate.error} onRetry={() => void candidate.refetch()} />
      ) : null}
      {item ? (
        <Stack gap="sm">
          <Group justify="space-between" wrap="wrap">
            <Title order={3} size="h4" style={{ overflowWrap: "anywhere" }}>
              {item.displayName}
            </Title>
            <StatusBadge status={item.status} />
          </Group>
          <PageAddress url={item.url} />
          {item.handle ? <Text size="sm">@{item.handle}</Text> : null}
          <Text size="sm" c="dimmed">
            {sources[item.source]} ·{" "}
            {t("verification.impersonation.firstSeen", {
              date: formatDateTime(item.createdAt, i18n.language),
            })}{" "}
            · {item.unitName}
          </Text>
          <ScoreBar score={item.score} />
          <Resemblance candidate={item} />
          <Text fw={600} size="sm">
            {t("verification.impersonation.reasonsTitle")}
          </Text>
          <ReasonList reasons={item.reasons} withDetail />
          {item.hasScreenshot ? (
            <Image
              src={`/api/impersonation/candidates/${item.id}/screenshot`}
              alt={t("verification.impersonation.screenshot")}
              fit="contain"
              mah={320}
              radius="sm"
            />
          ) : null}
          {item.decidedByName && item.decidedAt ? (
            <Text size="sm">
              {t("verification.impersonation.decidedBy", {
                name: item.decidedByName,
                date: formatDateTime(item.decidedAt, i18n.language),
              })}
            </Text>
          ) : null}
          {item.note ? (
            <Text size="sm">{t("verification.impersonation.note", { note: item.note })}</Text>
          ) : null}
          <FormError error={reopen.error} />
          {item.canManage ? (
            <Group gap="xs" wrap="wrap">
              {item.status === "candidate" ? (
                <>
                  <Button color="red" onClick={() => setDialog("confirm")}>
                    {t("verification.impersonation.confirm")}
                  </Button>
                  <Button variant="default" onClick={() => setDialog("dismiss")}>
                    {t("verification.impersonation.dismiss")}
                  </Button>
                </>
              ) : (
                <Button variant="default" loading={reopen.isPending} onClick={() => reopen.mutate()}>
                  {t("verification.impersonation.reopen")}
                </Button>
              )}
            </Group>
          ) : null}
          {item.canManage && item.status === "confirmed" ? (
            <Alert variant="light" color="blue">
              <Stack gap={6}>
                <Anchor href={`/api/impersonation/candidates/${item.id}/report-pack`} download fw={600}>
                  {t("verification.impersonation.pack")}
                </Anchor>
                <Text size="sm">{t("verification.impersonation.packHelp")}</Text>
              </Stack>
            </Alert>
          ) : null}
          {item.status !== "candidate" && item.canManage ? (
            <Text size="xs" c="dimmed">
              {t("verification.impersonation.reopenHelp")}
            </Text>
          ) : null}
          <ConfirmDialog
            key={`c-${item.id}-${item.status}`}
            candidate={item}
            opened={dialog === "confirm"}
            onClose={() => setDialog(null)}
          />
          <DismissDialog
            key={`d-${item.id}-${item.status}`}
            candidate={item}
            opened={dialog === "dismiss"}
            onClose={() => setDialog(null)}
          />
        </Stack>
      ) : null}
    </Drawer>
  );
}
