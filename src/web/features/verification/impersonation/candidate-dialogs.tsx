import { FileInput, List, Stack, Text, Textarea, TextInput } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, currentCsrfToken } from "../../../backend/client.ts";
import { api, type ResponseOf } from "../../../backend/typed-client.ts";
import { FormDialog } from "../../../components/form-dialog.tsx";

/** Sends a screenshot as the API expects it: the bytes, with the session's CSRF token. */
async function uploadScreenshot(candidateId: string, file: File): Promise<void> {
  const response = await fetch(
    `/api/impersonation/candidates/${encodeURIComponent(candidateId)}/screenshot`,
    {
      method: "PUT",
      headers: { "content-type": "application/octet-stream", "x-csrf-token": currentCsrfToken() ?? "" },
      body: file,
    },
  );
  if (!response.ok) {
    const problem = (await response.json().catch(() => ({}))) as {
      code?: string;
      messages?: { vi: string; en: string };
    };
    throw new ApiError(response.status, problem.code ?? "http.error", problem.messages ?? null);
  }
}

/** A checker enters a suspected page, optionally with a screenshot; it is scored on arrival. */
export function AddCandidateDialog({ opened, onClose }: { opened: boolean; onClose: (id?: string) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [url, setUrl] = useState("");
  const [displayName, setDisplayName] = useState("");
  const [handle, setHandle] = useState("");
  const [note, setNote] = useState("");
  const [file, setFile] = useState<File | null>(null);
  const [checked, setChecked] = useState(false);
  const save = useMutation({
    mutationFn: async () => {
      const result = await api("POST", "/api/impersonation/candidates", {
        body: { url, displayName, handle: handle || undefined, note: note || undefined },
      });
      if (file) {
        await uploadScreenshot(result.candidate.id, file);
      }
      return result;
    },
    onSuccess: async (result) => {
      await queryClient.invalidateQueries({ queryKey: ["impersonation"] });
      setUrl("");
      setDisplayName("");
      setHandle("");
      setNote("");
      setFile(null);
      setChecked(false);
      onClose(result.candidate.id);
    },
  });
  const urlError = checked && !url.trim() ? t("verification.impersonation.urlRequired") : null;
  const nameError = checked && !displayName.trim() ? t("verification.impersonation.nameRequired") : null;
  return (
    <FormDialog
      opened={opened}
      onClose={() => onClose()}
      title={t("verification.impersonation.add")}
      submitLabel={t("verification.impersonation.save")}
      loading={save.isPending}
      error={save.error}
      onSubmit={() => {
        setChecked(true);
        if (url.trim() && displayName.trim()) {
          save.mutate();
        }
      }}
    >
      <TextInput
        label={t("verification.impersonation.fieldUrl")}
        value={url}
        onChange={(event) => setUrl(event.currentTarget.value)}
        inputMode="url"
        placeholder="https://www.facebook.com/…"
        error={urlError}
        required
      />
      <TextInput
        label={t("verification.impersonation.fieldName")}
        value={displayName}
        onChange={(event) => setDisplayName(event.currentTarget.value)}
        error={nameError}
        required
      />
      <TextInput
        label={t("verification.impersonation.fieldHandle")}
        value={handle}
        onChange={(event) => setHandle(event.currentTarget.value)}
      />
      <Textarea
        label={t("verification.impersonation.fieldNote")}
        value={note}
        onChange={(event) => setNote(event.currentTarget.value)}
        autosize
        minRows={2}
      />
      <FileInput
        label={t("verification.impersonation.fieldScreenshot")}
        accept="image/png,image/jpeg,image/webp"
        value={file}
        onChange={setFile}
        clearable
      />
    </FormDialog>
  );
}

type Preview = ResponseOf<"POST", "/api/impersonation/candidates/import/preview">;

/** Imports a CSV list: a check first (counts and bad rows), then the import of the good rows. */
export function ImportCandidatesDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const body = async (chosen: File) => {
    const bytes = new Uint8Array(await chosen.arrayBuffer());
    let binary = "";
    for (const byte of bytes) {
      binary += String.fromCharCode(byte);
    }
    return { fileName: chosen.name, contentBase64: btoa(binary) };
  };
  const check = useMutation({
    mutationFn: async (chosen: File) =>
      api("POST", "/api/impersonation/candidates/import/preview", { body: await body(chosen) }),
    onSuccess: setPreview,
  });
  const run = useMutation({
    mutationFn: async (chosen: File) =>
      api("POST", "/api/impersonation/candidates/import", { body: await body(chosen) }),
    onSuccess: async (result) => {
      await queryClient.invalidateQueries({ queryKey: ["impersonation"] });
      setPreview(null);
      setDone(t("verification.impersonation.importDone", { created: result.created, known: result.known }));
    },
  });
  const close = () => {
    setFile(null);
    setPreview(null);
    setDone(null);
    onClose();
  };
  return (
    <FormDialog
      opened={opened}
      onClose={close}
      title={t("verification.impersonation.import")}
      submitLabel={
        preview
          ? t("verification.impersonation.importRun", { count: preview.validRows })
          : t("verification.impersonation.importCheck")
      }
      submitDisabled={!file || (preview !== null && preview.validRows === 0)}
      loading={check.isPending || run.isPending}
      error={check.error ?? run.error}
      onSubmit={() => {
        if (!file) {
          return;
        }
        if (preview) {
          run.mutate(file);
        } else {
          check.mutate(file);
        }
      }}
    >
      <Text size="sm">{t("verification.impersonation.importHelp")}</Text>
      <FileInput
        label={t("verification.impersonation.importFile")}
        accept=".csv,text/csv"
        value={file}
        onChange={(chosen) => {
          setFile(chosen);
          setPreview(null);
          setDone(null);
        }}
      />
      {done ? <Text role="status">{done}</Text> : null}
      {preview ? (
        <Stack gap={4} role="status">
          <Text size="sm">
            {t("verification.impersonation.importPreview", {
              total: preview.totalRows,
              valid: preview.validRows,
              known: preview.knownRows,
              bad: preview.errors.length,
            })}
          </Text>
          <List size="sm">
            {preview.errors.slice(0, 20).map((error) => (
              <List.Item key={`${error.row}-${error.code}`}>
                {t("verification.impersonation.importRow", {
                  row: error.row,
                  message: i18n.language === "en" ? error.message.en : error.message.vi,
                })}
              </List.Item>
            ))}
          </List>
        </Stack>
      ) : null}
    </FormDialog>
  );
}
