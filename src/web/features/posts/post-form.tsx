import { Button, Group, Stack, TagsInput, Text, Textarea, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { can, useSignedInSession } from "../../backend/session.ts";
import { api } from "../../backend/typed-client.ts";
import type { CreatePostBody, PostDetail, UpdatePostBody } from "../../backend/types.ts";
import {
  InvalidFieldNotice,
  useFirstInvalidField,
  useMissingField,
} from "../../components/invalid-field.tsx";
import { FormError } from "../../components/state-blocks.tsx";
import { type UnitChoice, UnitPicker } from "../../components/unit-picker.tsx";
import { MediaField } from "./media-field.tsx";
import { ChannelChoice } from "./post-channel-choice.tsx";
import { postKeys } from "./posts-api.ts";
import { RichTextField } from "./rich-text-field.tsx";

interface PostFields {
  title: string;
  bodyHtml: string;
  summary: string;
  tags: string[];
  mediaIds: string[];
}

function fieldsOf(post: PostDetail | null): PostFields {
  return {
    title: post?.title ?? "",
    bodyHtml: post?.bodyHtml ?? "",
    summary: post?.summary ?? "",
    tags: post?.tags ?? [],
    mediaIds: post?.mediaIds ?? [],
  };
}

function sameFields(a: PostFields, b: PostFields): boolean {
  return (
    a.title === b.title &&
    a.bodyHtml === b.bodyHtml &&
    a.summary === b.summary &&
    a.tags.join("\n") === b.tags.join("\n") &&
    a.mediaIds.join() === b.mediaIds.join()
  );
}

/** The post's own fields, for a new post or an existing one. */
export function PostForm(props: {
  post: PostDetail | null;
  unit: UnitChoice | null;
  onUnit: (unit: UnitChoice | null) => void;
}) {
  const { t } = useTranslation();
  const missing = useMissingField();
  const session = useSignedInSession();
  const navigate = useNavigate();
  const client = useQueryClient();
  const { post, unit } = props;
  const [saved, setSaved] = useState(() => fieldsOf(post));
  const [fields, setFields] = useState(saved);
  const [bodyKey, setBodyKey] = useState(0);
  const [channelIds, setChannelIds] = useState<string[]>([]);
  const [titleMissing, setTitleMissing] = useState(false);
  const invalid = useFirstInvalidField();
  const mayWrite = unit ? can(session, "posts.write", unit.path) : false;
  const dirty = !sameFields(fields, saved) || channelIds.length > 0;
  const set = (changes: Partial<PostFields>) => setFields((current) => ({ ...current, ...changes }));

  const save = useMutation({
    mutationFn: async (): Promise<PostDetail> => {
      const common = {
        title: fields.title.trim(),
        bodyHtml: fields.bodyHtml,
        summary: fields.summary.trim() || null,
        tags: fields.tags,
        mediaIds: fields.mediaIds,
      };
      if (!post) {
        const body: CreatePostBody = { ...common, unitId: unit?.id ?? "", channelIds };
        return api("POST", "/api/posts", { body });
      }
      const body: UpdatePostBody = common;
      let updated = sameFields(fields, saved)
        ? post
        : await api("PATCH", "/api/posts/:id", { params: { id: post.id }, body });
      for (const channelId of channelIds) {
        await api("POST", "/api/posts/:id/variants", { params: { id: post.id }, body: { channelId } });
      }
      if (channelIds.length > 0) {
        updated = await api("GET", "/api/posts/:id", { params: { id: post.id } });
      }
      return updated;
    },
    onSuccess: (result) => {
      client.setQueryData(postKeys.detail(result.id), result);
      void client.invalidateQueries({ queryKey: postKeys.all });
      const next = fieldsOf(result);
      setSaved(next);
      setFields(next);
      setBodyKey((key) => key + 1);
      setChannelIds([]);
      notifications.show({
        color: "green",
        message: post ? t("posts.compose.saved") : t("posts.compose.created"),
      });
      if (!post) {
        navigate(`/posts/${result.id}`, { replace: true });
      }
    },
  });

  return (
    <form
      ref={invalid.formRef}
      noValidate
      onChange={invalid.afterInput}
      onSubmit={(event) => {
        event.preventDefault();
        invalid.afterSubmit();
        if (!fields.title.trim()) {
          setTitleMissing(true);
          return;
        }
        save.mutate();
      }}
    >
      <Stack gap="md">
        {!post && (
          <UnitPicker
            label={t("posts.fields.unit")}
            value={unit}
            permission="posts.write"
            required
            onChange={(choice) => {
              props.onUnit(choice);
              setChannelIds([]);
            }}
            data-testid="post-unit"
          />
        )}
        <TextInput
          label={t("posts.fields.title")}
          required
          maxLength={300}
          value={fields.title}
          readOnly={!mayWrite}
          error={titleMissing ? missing.fill(t("posts.fields.title")) : undefined}
          onChange={(event) => {
            set({ title: event.currentTarget.value });
            setTitleMissing(false);
          }}
          data-testid="post-title"
        />
        <RichTextField
          key={bodyKey}
          label={t("posts.fields.body")}
          value={fields.bodyHtml}
          onChange={(bodyHtml) => set({ bodyHtml })}
          readOnly={!mayWrite}
          data-testid="post-body"
        />
        <Textarea
          label={t("posts.fields.summary")}
          description={t("posts.compose.summaryHint")}
          autosize
          minRows={2}
          maxLength={1000}
          value={fields.summary}
          readOnly={!mayWrite}
          onChange={(event) => set({ summary: event.currentTarget.value })}
          data-testid="post-summary"
        />
        <TagsInput
          label={t("posts.fields.tags")}
          description={t("posts.compose.tagsHint")}
          value={fields.tags}
          onChange={(tags) =>
            set({
              tags: [...new Set(tags.map((tag) => tag.replace(/^[\s#,]+|[\s#,]+$/g, "")).filter(Boolean))],
            })
          }
          maxTags={30}
          readOnly={!mayWrite}
          splitChars={[","]}
          clearable
          data-testid="post-tags"
        />
        {unit ? (
          <MediaField
            label={t("posts.fields.media")}
            unit={unit}
            value={fields.mediaIds}
            onChange={(mediaIds) => set({ mediaIds })}
            max={50}
            disabled={!mayWrite}
            data-testid="post-media"
          />
        ) : null}
        {unit && (
          <ChannelChoice
            unitId={unit.id}
            value={channelIds}
            existing={post?.variants.map((variant) => variant.channelId) ?? []}
            disabled={!mayWrite}
            onChange={setChannelIds}
          />
        )}
        {post && channelIds.length > 0 && (
          <Text size="sm" c="dimmed">
            {t("posts.compose.newChannels", { n: channelIds.length })}
          </Text>
        )}
        <InvalidFieldNotice message={invalid.message} />
        <FormError error={save.error} />
        {mayWrite && (
          <Group>
            <Button
              type="submit"
              loading={save.isPending}
              disabled={Boolean(post) && !dirty}
              data-testid="post-save"
            >
              {post ? t("posts.compose.save") : t("posts.compose.create")}
            </Button>
            {post && dirty && (
              <Text size="sm" c="dimmed">
                {t("posts.compose.unsaved")}
              </Text>
            )}
          </Group>
        )}
      </Stack>
    </form>
  );
}
