import {
  ActionIcon,
  Anchor,
  Badge,
  Button,
  Card,
  FileButton,
  Group,
  Image,
  Paper,
  Progress,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../backend/typed-client.ts";
import type { MyStory, UploadedMedia } from "../../backend/types.ts";
import {
  InvalidFieldNotice,
  useFirstInvalidField,
  useMissingField,
} from "../../components/invalid-field.tsx";
import { PageHeader } from "../../components/page-header.tsx";
import { EmptyBlock, ErrorBlock, FormError, LoadingBlock } from "../../components/state-blocks.tsx";
import { formatDateTime, useErrorText } from "../../i18n/format.ts";
import { mediaLimits, uploadMediaFile } from "../media/media-api.ts";

const storiesKey = ["stories", "mine"] as const;

const stageColors: Record<MyStory["stage"], string> = {
  received: "gray",
  in_review: "yellow",
  approved: "blue",
  scheduled: "indigo",
  published: "green",
};

interface PendingPhoto {
  file: File;
  preview: string;
  altText: string;
  progress: number;
  uploaded: UploadedMedia | null;
  error: unknown;
}

/** "Gửi tin bài": a member sends a story with photos from a phone and follows where it has got. */
export default function MyStoriesPage() {
  const { t, i18n } = useTranslation();
  const missing = useMissingField();
  const client = useQueryClient();
  const errorText = useErrorText();
  const [title, setTitle] = useState("");
  const [text, setText] = useState("");
  const [photos, setPhotos] = useState<PendingPhoto[]>([]);
  const [tried, setTried] = useState(false);
  const invalid = useFirstInvalidField();
  const stories = useQuery({
    queryKey: storiesKey,
    queryFn: () => api("GET", "/api/me/stories"),
  });

  const update = (index: number, change: Partial<PendingPhoto>) =>
    setPhotos((current) => current.map((photo, i) => (i === index ? { ...photo, ...change } : photo)));

  const send = useMutation({
    mutationFn: async () => {
      // Photos first, one by one with progress; a refused one stops the sending with its reason shown.
      const ids: string[] = [];
      for (const [index, photo] of photos.entries()) {
        if (photo.uploaded) {
          ids.push(photo.uploaded.id);
          continue;
        }
        try {
          const uploaded = await uploadMediaFile(photo.file, {
            altText: photo.altText,
            onProgress: (fraction) => update(index, { progress: fraction }),
          });
          update(index, { uploaded, error: null, progress: 1 });
          ids.push(uploaded.id);
        } catch (error) {
          update(index, { error });
          throw error;
        }
      }
      return api("POST", "/api/me/stories", {
        body: { title: title.trim(), text: text.trim(), mediaIds: ids },
      });
    },
    onSuccess: async () => {
      notifications.show({ color: "green", message: t("stories.sent") });
      for (const photo of photos) {
        URL.revokeObjectURL(photo.preview);
      }
      setTitle("");
      setText("");
      setPhotos([]);
      setTried(false);
      await client.invalidateQueries({ queryKey: storiesKey });
    },
  });

  const altMissing = photos.some((photo) => photo.altText.trim().length < mediaLimits.altMin);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (title.trim() && text.trim() && !altMissing) {
      send.mutate();
    }
    invalid.afterSubmit();
  };

  return (
    <>
      <PageHeader title={t("stories.title")} subtitle={t("stories.subtitle")} />
      <Paper withBorder p="md" mb="lg">
        <form ref={invalid.formRef} noValidate onSubmit={submit} onChange={invalid.afterInput}>
          <Stack gap="sm">
            <TextInput
              label={t("stories.storyTitle")}
              required
              maxLength={300}
              value={title}
              onChange={(event) => setTitle(event.currentTarget.value)}
              error={tried && !title.trim() ? missing.fill(t("stories.storyTitle")) : undefined}
            />
            <Textarea
              label={t("stories.text")}
              description={t("stories.textHint")}
              required
              autosize
              minRows={5}
              maxLength={20_000}
              value={text}
              onChange={(event) => setText(event.currentTarget.value)}
              error={tried && !text.trim() ? missing.fill(t("stories.text")) : undefined}
            />
            {photos.map((photo, index) => (
              <Card key={photo.preview} withBorder padding="sm">
                <Group align="flex-start" wrap="nowrap" gap="sm">
                  <Image src={photo.preview} alt="" w={72} h={72} radius="sm" fit="cover" />
                  <Stack gap={4} style={{ flex: 1, minWidth: 0 }}>
                    <TextInput
                      label={t("stories.altText")}
                      description={t("stories.altTextHint")}
                      required
                      size="sm"
                      maxLength={mediaLimits.altMax}
                      value={photo.altText}
                      disabled={Boolean(photo.uploaded)}
                      onChange={(event) => update(index, { altText: event.currentTarget.value })}
                      error={
                        tried && photo.altText.trim().length < mediaLimits.altMin
                          ? t("stories.altTextShort", { min: mediaLimits.altMin })
                          : photo.error
                            ? errorText(photo.error)
                            : undefined
                      }
                    />
                    {send.isPending && !photo.uploaded && (
                      <Progress value={photo.progress * 100} size="sm" aria-label={t("stories.uploading")} />
                    )}
                  </Stack>
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    aria-label={t("stories.removePhoto")}
                    disabled={send.isPending}
                    onClick={() => {
                      URL.revokeObjectURL(photo.preview);
                      setPhotos((current) => current.filter((_, i) => i !== index));
                    }}
                  >
                    ×
                  </ActionIcon>
                </Group>
              </Card>
            ))}
            <Group gap="sm">
              <FileButton
                accept="image/jpeg,image/png,image/webp"
                multiple
                onChange={(files) =>
                  setPhotos((current) =>
                    [
                      ...current,
                      ...files.map((file) => ({
                        file,
                        preview: URL.createObjectURL(file),
                        altText: "",
                        progress: 0,
                        uploaded: null,
                        error: file.size > mediaLimits.imageBytes ? new Error("too large") : null,
                      })),
                    ].slice(0, 10),
                  )
                }
              >
                {(props) => (
                  <Button variant="default" {...props} disabled={photos.length >= 10 || send.isPending}>
                    {t("stories.addPhotos")}
                  </Button>
                )}
              </FileButton>
              <Button type="submit" loading={send.isPending}>
                {t("stories.send")}
              </Button>
            </Group>
            <InvalidFieldNotice message={invalid.message} />
            <FormError error={photos.some((photo) => photo.error) ? null : send.error} />
          </Stack>
        </form>
      </Paper>

      <Title order={2} size="h4" mb="sm">
        {t("stories.sentTitle")}
      </Title>
      {stories.isPending && <LoadingBlock />}
      {stories.error && <ErrorBlock error={stories.error} onRetry={() => stories.refetch()} />}
      {stories.data && stories.data.items.length === 0 && <EmptyBlock title={t("stories.empty")} />}
      <Stack gap="sm">
        {stories.data?.items.map((story) => (
          <Card key={story.id} withBorder padding="md" data-testid="my-story">
            <Stack gap={6}>
              <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
                <Text fw={600} style={{ overflowWrap: "anywhere" }}>
                  {story.title}
                </Text>
                <Badge color={stageColors[story.stage]} variant="light" tt="none" style={{ flexShrink: 0 }}>
                  {t(`stories.stage.${story.stage}`)}
                </Badge>
              </Group>
              <Text size="xs" c="dimmed">
                {t("stories.sentAt", { time: formatDateTime(story.createdAt, i18n.language) })}
              </Text>
              {story.links.map((link) => (
                <Anchor
                  key={link.url}
                  href={link.url}
                  target="_blank"
                  rel="noopener noreferrer"
                  size="sm"
                  style={{ overflowWrap: "anywhere" }}
                >
                  {link.url}
                </Anchor>
              ))}
            </Stack>
          </Card>
        ))}
      </Stack>
    </>
  );
}
