import {
  Anchor,
  Badge,
  Button,
  Card,
  Checkbox,
  FileInput,
  Group,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../../backend/typed-client.ts";
import { ConfirmDialog } from "../../../components/confirm-dialog.tsx";
import { useFirstInvalidField } from "../../../components/invalid-field.tsx";
import { ErrorBlock, FormError } from "../../../components/state-blocks.tsx";
import { formatDateTime } from "../../../i18n/format.ts";
import { type CaseDetail, caseKey, uploadEvidence } from "./case-api.ts";
import { FileThumb } from "./case-tips.tsx";

/** The unit's steps for the case's category, ticked by whoever did them. */
export function CaseChecklist({ detail }: { detail: CaseDetail }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const tick = useMutation({
    mutationFn: (input: { key: string; ticked: boolean }) =>
      api("POST", "/api/cases/:id/checklist/:itemKey", {
        params: { id: detail.id, itemKey: input.key },
        body: { ticked: input.ticked },
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: caseKey(detail.id) }),
  });
  return (
    <Stack gap="xs" data-testid="checklist">
      <Title order={2} size="h4">
        {t("verification.cases.case.checklist")}
      </Title>
      {tick.error && <ErrorBlock error={tick.error} />}
      {detail.checklist.map((item) => (
        <Checkbox
          key={item.key}
          checked={item.ticked !== null}
          disabled={!detail.canManage || tick.isPending}
          onChange={(event) => tick.mutate({ key: item.key, ticked: event.currentTarget.checked })}
          label={item.text}
          description={
            item.ticked
              ? `${item.ticked.by?.fullName ?? ""} · ${formatDateTime(item.ticked.at, i18n.language)}`
              : undefined
          }
        />
      ))}
    </Stack>
  );
}

/** The sources consulted, and the form to add one with its archive copy or screenshot. */
export function CaseEvidence({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [removing, setRemoving] = useState<string | null>(null);
  const remove = useMutation({
    mutationFn: (evidenceId: string) =>
      api("DELETE", "/api/cases/:id/evidence/:evidenceId", { params: { id: detail.id, evidenceId } }),
    onSuccess: async () => {
      setRemoving(null);
      await client.invalidateQueries({ queryKey: caseKey(detail.id) });
    },
  });
  return (
    <Stack gap="sm" data-testid="evidence">
      <Title order={2} size="h4">
        {t("verification.cases.case.evidence", { count: detail.evidence.length })}
      </Title>
      {detail.evidence.length === 0 && (
        <Text size="sm" c="dimmed">
          {t("verification.cases.case.noEvidence")}
        </Text>
      )}
      {detail.evidence.map((item) => (
        <Card key={item.id} withBorder padding="sm">
          <Stack gap={4}>
            <Group gap={6} justify="space-between" wrap="nowrap">
              <Group gap={6}>
                {item.authoritative && (
                  <Badge color="green" variant="light" tt="none">
                    {t("verification.cases.case.authoritative")}
                  </Badge>
                )}
                {!item.isPublic && (
                  <Badge color="gray" variant="outline" tt="none">
                    {t("verification.cases.case.notPublic")}
                  </Badge>
                )}
              </Group>
              {detail.canManage && (
                <Button size="compact-xs" variant="subtle" color="red" onClick={() => setRemoving(item.id)}>
                  {t("verification.cases.case.removeEvidence")}
                </Button>
              )}
            </Group>
            {item.title && <Text fw={600}>{item.title}</Text>}
            {item.url && (
              <Anchor
                href={item.url}
                target="_blank"
                rel="noopener noreferrer nofollow"
                size="sm"
                style={{ overflowWrap: "anywhere" }}
              >
                {item.url}
              </Anchor>
            )}
            {item.note && (
              <Text size="sm" style={{ whiteSpace: "pre-line" }}>
                {item.note}
              </Text>
            )}
            {item.files.map((file) => (
              <FileThumb
                key={file.id}
                caseId={detail.id}
                file={file}
                label={item.title ?? file.fileName ?? ""}
              />
            ))}
            <Text size="xs" c="dimmed">
              {item.createdBy?.fullName}
            </Text>
          </Stack>
        </Card>
      ))}
      {detail.canManage && <AddEvidenceForm caseId={detail.id} />}
      <ConfirmDialog
        opened={removing !== null}
        title={t("verification.cases.case.removeConfirmTitle")}
        confirmLabel={t("verification.cases.case.removeEvidence")}
        loading={remove.isPending}
        error={remove.error}
        onConfirm={() => removing && remove.mutate(removing)}
        onClose={() => setRemoving(null)}
      >
        <Text size="sm">{t("verification.cases.case.removeConfirm")}</Text>
      </ConfirmDialog>
    </Stack>
  );
}

function AddEvidenceForm({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const empty = { url: "", title: "", note: "", authoritative: false, isPublic: true };
  const [fields, setFields] = useState(empty);
  const [file, setFile] = useState<File | null>(null);
  const [missing, setMissing] = useState(false);
  // Focus only: the address field's own message names the choice (address, title or note), which a
  // notice built from its label alone would narrow to the address.
  const invalid = useFirstInvalidField();
  const [open, setOpen] = useState(false);
  const save = useMutation({
    mutationFn: async () => {
      const body = {
        url: fields.url.trim() || undefined,
        title: fields.title.trim() || undefined,
        note: fields.note.trim() || undefined,
        authoritative: fields.authoritative,
        isPublic: fields.isPublic,
      };
      if (file) {
        await uploadEvidence(caseId, file, body);
      } else {
        await api("POST", "/api/cases/:id/evidence", { params: { id: caseId }, body });
      }
    },
    onSuccess: async () => {
      setFields(empty);
      setFile(null);
      setOpen(false);
      await client.invalidateQueries({ queryKey: caseKey(caseId) });
    },
  });
  const set = (key: keyof typeof fields) => (value: string | boolean) =>
    setFields((current) => ({ ...current, [key]: value }));
  if (!open) {
    return (
      <Group>
        <Button variant="light" onClick={() => setOpen(true)}>
          {t("verification.cases.case.addEvidence")}
        </Button>
      </Group>
    );
  }
  return (
    <Card withBorder padding="sm" bg="gray.0">
      <form
        ref={invalid.formRef}
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          const hasSource = fields.url.trim() || fields.title.trim() || fields.note.trim() || file;
          setMissing(!hasSource);
          if (hasSource) {
            save.mutate();
          }
          invalid.afterSubmit();
        }}
      >
        <Stack gap="xs">
          <Text fw={600}>{t("verification.cases.case.addEvidence")}</Text>
          <TextInput
            label={t("verification.cases.case.evidenceUrl")}
            type="url"
            inputMode="url"
            value={fields.url}
            onChange={(event) => set("url")(event.currentTarget.value)}
            error={missing ? t("verification.cases.case.evidenceNeedsSource") : undefined}
          />
          <TextInput
            label={t("verification.cases.case.evidenceTitle")}
            value={fields.title}
            maxLength={300}
            onChange={(event) => set("title")(event.currentTarget.value)}
          />
          <Textarea
            label={t("verification.cases.case.evidenceNote")}
            value={fields.note}
            autosize
            minRows={2}
            maxLength={4000}
            onChange={(event) => set("note")(event.currentTarget.value)}
          />
          <FileInput
            label={t("verification.cases.case.evidenceFile")}
            placeholder={t("verification.cases.case.chooseFile")}
            accept="image/png,image/jpeg,image/webp,image/gif,application/pdf"
            clearable
            value={file}
            onChange={setFile}
          />
          <Switch
            label={t("verification.cases.case.evidenceAuthoritative")}
            checked={fields.authoritative}
            onChange={(event) => set("authoritative")(event.currentTarget.checked)}
          />
          <Switch
            label={t("verification.cases.case.evidencePublic")}
            checked={fields.isPublic}
            onChange={(event) => set("isPublic")(event.currentTarget.checked)}
          />
          <FormError error={save.error} />
          <Group>
            <Button type="submit" loading={save.isPending}>
              {t("verification.cases.case.addEvidence")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
