import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Card,
  FileButton,
  Group,
  Image,
  Progress,
  Stack,
  Text,
  Textarea,
} from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { MediaKind, UploadedMedia } from "../../backend/types.ts";
import { UploadIcon } from "../../components/icons.tsx";
import { formatNumber, useErrorText } from "../../i18n/format.ts";
import { acceptedTypes, guessKind, mediaLimits, uploadMediaFile } from "./media-api.ts";

interface PendingFile {
  key: string;
  file: File;
  kind: MediaKind | null;
  preview: string | null;
  altText: string;
  state: "waiting" | "uploading" | "done" | "failed";
  progress: number;
  /** A reason found here (too large, no description) or the server's refusal. */
  problem: string | null;
  duplicate: boolean;
}

export function formatBytes(bytes: number, language: string): string {
  if (bytes >= 1024 * 1024) {
    return `${formatNumber(Math.round((bytes / (1024 * 1024)) * 10) / 10, language)} MB`;
  }
  return `${formatNumber(Math.max(1, Math.round(bytes / 1024)), language)} KB`;
}

let counter = 0;

/**
 * Choose files, describe each image, send them one after another with a progress bar each. A file
 * that is refused (here or by the server) keeps its place with the reason, the others go on.
 */
export function MediaUploader(props: { unitId: string | null; onUploaded?: (item: UploadedMedia) => void }) {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const client = useQueryClient();
  const [files, setFiles] = useState<PendingFile[]>([]);
  const [busy, setBusy] = useState(false);
  const resetRef = useRef<() => void>(null);
  const previews = useRef(new Set<string>());

  useEffect(
    () => () => {
      for (const url of previews.current) {
        URL.revokeObjectURL(url);
      }
    },
    [],
  );

  const update = (key: string, change: Partial<PendingFile>) =>
    setFiles((all) => all.map((entry) => (entry.key === key ? { ...entry, ...change } : entry)));

  const add = (chosen: File[]) => {
    const added = chosen.map((file): PendingFile => {
      const kind = guessKind(file);
      const preview = kind === "image" ? URL.createObjectURL(file) : null;
      if (preview) {
        previews.current.add(preview);
      }
      counter += 1;
      return {
        key: `${counter}-${file.name}`,
        file,
        kind,
        preview,
        altText: "",
        state: "waiting",
        progress: 0,
        problem: null,
        duplicate: false,
      };
    });
    setFiles((all) => [...all, ...added]);
    resetRef.current?.();
  };

  /** The reason this file cannot go yet, in the reader's language; null when it can. */
  const localProblem = (entry: PendingFile): string | null => {
    if (!entry.kind) {
      return t("media.upload.unsupported");
    }
    const limit = entry.kind === "image" ? mediaLimits.imageBytes : mediaLimits.videoBytes;
    if (entry.file.size > limit) {
      return t(entry.kind === "image" ? "media.upload.imageTooLarge" : "media.upload.videoTooLarge", {
        size: formatBytes(entry.file.size, i18n.language),
      });
    }
    const alt = entry.altText.trim();
    if (entry.kind === "image" && !alt) {
      return t("media.upload.altRequired");
    }
    if (alt && alt.length < mediaLimits.altMin) {
      return t("media.upload.altTooShort", { n: mediaLimits.altMin });
    }
    if (alt.length > mediaLimits.altMax) {
      return t("media.upload.altTooLong", { n: mediaLimits.altMax });
    }
    return null;
  };

  const send = async () => {
    if (!props.unitId) {
      return;
    }
    setBusy(true);
    let sent = 0;
    for (const entry of files) {
      if (entry.state === "done" || entry.state === "uploading") {
        continue;
      }
      const problem = localProblem(entry);
      if (problem) {
        update(entry.key, { state: "failed", problem });
        continue;
      }
      update(entry.key, { state: "uploading", progress: 0, problem: null });
      try {
        const item = await uploadMediaFile(entry.file, {
          unitId: props.unitId,
          altText: entry.altText,
          onProgress: (progress) => update(entry.key, { progress }),
        });
        update(entry.key, { state: "done", progress: 1, duplicate: item.duplicate });
        sent += 1;
        props.onUploaded?.(item);
      } catch (error) {
        update(entry.key, { state: "failed", problem: errorText(error) });
      }
    }
    setBusy(false);
    if (sent > 0) {
      await client.invalidateQueries({ queryKey: ["media"] });
    }
  };

  const waiting = files.filter((entry) => entry.state === "waiting" || entry.state === "failed").length;

  return (
    <Stack gap="sm">
      <Group gap="xs">
        <FileButton onChange={add} accept={acceptedTypes} multiple resetRef={resetRef}>
          {(buttonProps) => (
            <Button {...buttonProps} variant="default" leftSection={<UploadIcon size={16} />} disabled={busy}>
              {t("media.upload.choose")}
            </Button>
          )}
        </FileButton>
        <Text size="xs" c="dimmed" style={{ flex: "1 1 200px" }}>
          {t("media.upload.limits")}
        </Text>
      </Group>
      {files.map((entry) => (
        <Card key={entry.key} withBorder padding="xs" data-testid="upload-entry">
          <Group gap="sm" wrap="nowrap" align="flex-start">
            {entry.preview ? (
              <Image
                src={entry.preview}
                alt=""
                w={56}
                h={56}
                radius="sm"
                fit="cover"
                style={{ flex: "none" }}
                // A file that only claims to be an image shows no broken picture; the server will say why.
                onError={() => update(entry.key, { preview: null })}
              />
            ) : (
              <Badge variant="light" color="grape" style={{ flex: "none" }}>
                {entry.kind === "video" ? t("media.kind.video") : "?"}
              </Badge>
            )}
            <Stack gap={2} style={{ minWidth: 0, flex: 1 }}>
              <Text size="sm" fw={500} style={{ overflowWrap: "anywhere" }}>
                {entry.file.name}
              </Text>
              <Text size="xs" c="dimmed">
                {formatBytes(entry.file.size, i18n.language)}
              </Text>
            </Stack>
            {entry.state !== "uploading" && entry.state !== "done" && (
              <ActionIcon
                variant="subtle"
                color="gray"
                aria-label={t("media.upload.remove", { name: entry.file.name })}
                onClick={() => setFiles((all) => all.filter((other) => other.key !== entry.key))}
              >
                ×
              </ActionIcon>
            )}
          </Group>
          {entry.state !== "done" && (
            <Textarea
              mt="xs"
              label={entry.kind === "image" ? t("media.fields.altText") : t("media.fields.altTextVideo")}
              description={t("media.upload.altHint")}
              required={entry.kind === "image"}
              autosize
              minRows={1}
              maxRows={4}
              maxLength={mediaLimits.altMax}
              value={entry.altText}
              disabled={entry.state === "uploading"}
              onChange={(event) => update(entry.key, { altText: event.currentTarget.value })}
            />
          )}
          {entry.state === "uploading" && (
            <Progress
              mt="xs"
              value={Math.round(entry.progress * 100)}
              animated
              aria-label={t("media.upload.progress", { name: entry.file.name })}
            />
          )}
          {entry.state === "done" && (
            <Text size="sm" c="green.8" mt={4}>
              {entry.duplicate ? t("media.upload.duplicate") : t("media.upload.done")}
            </Text>
          )}
          {entry.problem && (
            <Alert color="red" variant="light" mt="xs" p="xs" role="alert">
              <Text size="sm">{entry.problem}</Text>
            </Alert>
          )}
        </Card>
      ))}
      {files.length > 0 && (
        <Group justify="flex-end">
          <Button onClick={() => void send()} loading={busy} disabled={!props.unitId || waiting === 0}>
            {t("media.upload.send", { count: waiting })}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
