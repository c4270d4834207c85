import { Alert, Anchor, Badge, Button, Group, Paper, Stack, Text, Textarea, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../../backend/typed-client.ts";
import { ConfirmDialog } from "../../../components/confirm-dialog.tsx";
import { ErrorBlock, LoadingBlock } from "../../../components/state-blocks.tsx";
import { formatDate } from "../../../i18n/format.ts";
import { publicLabels, VerdictForm } from "./verdict-form.tsx";

const statusColor = { draft: "gray", signed_off: "blue", published: "green", paused: "orange" } as const;

type Dialog = "signOff" | "publish" | "pause" | null;

/** The verdict part of a case's page: draft, sign-off, publication, corrections. */
export function VerdictPanel({ caseId }: { caseId: string }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [note, setNote] = useState("");
  const [noteTried, setNoteTried] = useState(false);
  const state = useQuery({
    queryKey: ["verification", "verdict", caseId],
    queryFn: () => api("GET", "/api/cases/:id/verdict", { params: { id: caseId } }),
  });
  const done = async (message: string) => {
    notifications.show({ color: "green", message });
    setDialog(null);
    setNote("");
    setNoteTried(false);
    await client.invalidateQueries({ queryKey: ["verification"] });
  };
  const signOff = useMutation({
    mutationFn: () => api("POST", "/api/cases/:id/verdict/sign-off", { params: { id: caseId } }),
    onSuccess: () => done(t("verification.verdicts.signedOff")),
  });
  const publish = useMutation({
    mutationFn: (body: { note?: string }) =>
      api("POST", "/api/cases/:id/verdict/publish", { params: { id: caseId }, body }),
    onSuccess: () => done(t("verification.verdicts.published")),
  });
  const pause = useMutation({
    mutationFn: () => api("POST", "/api/cases/:id/verdict/pause", { params: { id: caseId } }),
    onSuccess: () => done(t("verification.verdicts.paused")),
  });

  if (state.isPending) {
    return <LoadingBlock />;
  }
  if (state.error) {
    return <ErrorBlock error={state.error} onRetry={() => state.refetch()} />;
  }
  const { verdict, can } = state.data;
  const labelText = (label: string | null) => (label ? t(`verification.verdicts.labels.${label}`) : "—");
  const republishing = (verdict?.version ?? 0) >= 1;
  const closed = state.data.caseStatus === "closed" && verdict?.status === "signed_off";

  return (
    <Paper withBorder p="md" data-testid="verdict-panel">
      <Stack gap="sm">
        <Group justify="space-between" gap="xs" wrap="wrap">
          <Title order={3} size="h4">
            {t("verification.verdicts.title")}
          </Title>
          {verdict && (
            <Badge color={closed ? "gray" : statusColor[verdict.status]} tt="none">
              {closed
                ? t("verification.verdicts.closed")
                : t(`verification.verdicts.status.${verdict.status}`)}
            </Badge>
          )}
        </Group>

        {!verdict && !can.draft && <Text c="dimmed">{t("verification.verdicts.none")}</Text>}

        {verdict && !editing && (
          <Stack gap={4}>
            <Text
              fw={700}
              size="lg"
              c={
                verdict.label === "true" ? "green.8" : publicLabels.includes(verdict.label) ? "red.8" : "dark"
              }
            >
              {labelText(verdict.label)}
            </Text>
            <Text fw={600} style={{ overflowWrap: "anywhere" }}>
              “{verdict.claimReviewed}”
            </Text>
            <Text size="sm" style={{ whiteSpace: "pre-line", overflowWrap: "anywhere" }}>
              {verdict.explanation}
            </Text>
            {verdict.draftedBy && (
              <Text size="xs" c="dimmed">
                {t("verification.verdicts.draftedBy", { name: verdict.draftedBy.fullName })}
              </Text>
            )}
            {verdict.signedOffBy && (
              <Text size="xs" c="dimmed">
                {t("verification.verdicts.signedOffBy", { name: verdict.signedOffBy.fullName })}
              </Text>
            )}
            {verdict.version > 0 && (
              <Text size="xs" c="dimmed">
                {t("verification.verdicts.version", { version: verdict.version })}
              </Text>
            )}
          </Stack>
        )}

        {verdict?.articleUrl && (
          <Anchor href={verdict.articleUrl} target="_blank" rel="noopener" fw={600}>
            {t("verification.verdicts.article")}
          </Anchor>
        )}

        {can.draft && (editing || !verdict) ? (
          <VerdictForm
            caseId={caseId}
            initial={verdict}
            onDone={() => setEditing(false)}
            {...(verdict ? { onCancel: () => setEditing(false) } : {})}
          />
        ) : null}

        {state.data.ownDraft && (
          <Alert color="yellow" variant="light">
            {t("verification.verdicts.ownDraft")}
          </Alert>
        )}
        {verdict?.status === "signed_off" && !closed && !state.data.hasPortal && (
          <Alert color="yellow" variant="light">
            {t("verification.verdicts.noPortal")}
          </Alert>
        )}
        {verdict?.status === "published" && (
          <Text size="xs" c="dimmed">
            {t("verification.verdicts.lockedHint")}
          </Text>
        )}

        {!editing && (
          <Group gap="sm" wrap="wrap">
            {can.signOff && (
              <Button onClick={() => setDialog("signOff")}>{t("verification.verdicts.signOff")}</Button>
            )}
            {can.publish && (
              <Button color="green" onClick={() => setDialog("publish")}>
                {republishing ? t("verification.verdicts.republish") : t("verification.verdicts.publish")}
              </Button>
            )}
            {can.pause && (
              <Button variant="light" color="orange" onClick={() => setDialog("pause")}>
                {t("verification.verdicts.pause")}
              </Button>
            )}
            {can.draft && verdict && (
              <Button variant="default" onClick={() => setEditing(true)}>
                {t("verification.verdicts.change")}
              </Button>
            )}
          </Group>
        )}

        {verdict && verdict.changes.length > 0 && (
          <Stack gap={4}>
            <Text fw={600}>{t("verification.verdicts.log")}</Text>
            {verdict.changes.map((change) => (
              <Text key={change.version} size="sm" style={{ overflowWrap: "anywhere" }}>
                {t("verification.verdicts.logEntry", {
                  date: formatDate(change.createdAt, i18n.language),
                  before: labelText(change.labelBefore),
                  after: labelText(change.labelAfter),
                })}
                {" — "}
                {change.note}
              </Text>
            ))}
          </Stack>
        )}

        <Anchor href={state.data.methodologyUrl} target="_blank" rel="noopener" size="sm">
          {t("verification.verdicts.methodology")}
        </Anchor>
      </Stack>

      <ConfirmDialog
        opened={dialog === "signOff"}
        title={t("verification.verdicts.signOffTitle")}
        confirmLabel={t("verification.verdicts.signOff")}
        color="blue"
        loading={signOff.isPending}
        error={signOff.error}
        onConfirm={() => signOff.mutate()}
        onClose={() => setDialog(null)}
      >
        <Text size="sm">
          {verdict && publicLabels.includes(verdict.label)
            ? t("verification.verdicts.signOffPublic")
            : t("verification.verdicts.signOffClose")}
        </Text>
      </ConfirmDialog>
      <ConfirmDialog
        opened={dialog === "publish"}
        title={t("verification.verdicts.publishTitle")}
        confirmLabel={
          republishing ? t("verification.verdicts.republish") : t("verification.verdicts.publish")
        }
        color="green"
        loading={publish.isPending}
        error={publish.error}
        onConfirm={() => {
          setNoteTried(true);
          if (republishing && !note.trim()) {
            return;
          }
          publish.mutate(republishing ? { note } : {});
        }}
        onClose={() => setDialog(null)}
      >
        <Text size="sm">{t("verification.verdicts.publishText")}</Text>
        {republishing && (
          <Textarea
            label={t("verification.verdicts.note")}
            description={t("verification.verdicts.noteHint")}
            required
            autosize
            minRows={3}
            value={note}
            onChange={(event) => setNote(event.currentTarget.value)}
            error={noteTried && !note.trim() ? t("verification.verdicts.noteRequired") : undefined}
          />
        )}
      </ConfirmDialog>
      <ConfirmDialog
        opened={dialog === "pause"}
        title={t("verification.verdicts.pauseTitle")}
        confirmLabel={t("verification.verdicts.pause")}
        color="orange"
        loading={pause.isPending}
        error={pause.error}
        onConfirm={() => pause.mutate()}
        onClose={() => setDialog(null)}
      >
        <Text size="sm">{t("verification.verdicts.pauseText")}</Text>
      </ConfirmDialog>
    </Paper>
  );
}
