import {
  Alert,
  Anchor,
  Badge,
  Box,
  Button,
  Checkbox,
  Group,
  Input,
  Paper,
  Stack,
  Tabs,
  TagsInput,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import { api } from "../../backend/client.ts";
import { can, useSignedInSession } from "../../backend/session.ts";
import type { Channel, CreatePostBody, PostDetail, UpdatePostBody } from "../../backend/types.ts";
import { DownloadMenu } from "../../components/download-menu.tsx";
import { ChevronRightIcon } from "../../components/icons.tsx";
import { PageHeader } from "../../components/page-header.tsx";
import { EmptyBlock, ErrorBlock, FormError, LoadingBlock } from "../../components/state-blocks.tsx";
import { type UnitChoice, UnitPicker } from "../../components/unit-picker.tsx";
import { formatDateTime } from "../../i18n/format.ts";
import { fetchUnit } from "../units/unit-queries.ts";
import { MediaField } from "./media-field.tsx";
import { statusColors } from "./post-badges.tsx";
import { fetchPost, fetchPublishableChannels, postKeys, targetOfPlatform } from "./posts-api.ts";
import { RichTextField } from "./rich-text-field.tsx";
import { VariantPanel } from "./variant-panel.tsx";

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

/** The unit a new post most likely belongs to: the first where the person may write. */
function defaultUnitId(session: ReturnType<typeof useSignedInSession>): string | null {
  const paths = session.abilities["posts.write"] ?? [];
  return session.grants.find((grant) => paths.includes(grant.unitPath))?.unitId ?? null;
}

/** The unit's channels as checkboxes; those the post already has stay ticked and fixed. */
function ChannelChoice(props: {
  unitId: string;
  value: string[];
  existing: string[];
  disabled: boolean;
  onChange: (ids: string[]) => void;
}) {
  const { t } = useTranslation();
  const channels = useQuery({
    queryKey: ["channels", "publishable", props.unitId],
    queryFn: () => fetchPublishableChannels(props.unitId),
  });
  let content: React.ReactNode;
  if (channels.isPending) {
    content = <LoadingBlock />;
  } else if (channels.isError) {
    content = <ErrorBlock error={channels.error} onRetry={() => void channels.refetch()} />;
  } else if (channels.data.length === 0) {
    content = (
      <Text size="sm" c="dimmed">
        {t("posts.compose.noChannels")}{" "}
        <Anchor component={Link} to={`/channels?unitId=${props.unitId}`} size="sm">
          {t("posts.compose.registerChannel")}
        </Anchor>
      </Text>
    );
  } else {
    content = (
      <Stack gap={6} mt={4}>
        {channels.data.map((channel: Channel) => {
          const existing = props.existing.includes(channel.id);
          return (
            <Checkbox
              key={channel.id}
              value={channel.id}
              checked={existing || props.value.includes(channel.id)}
              disabled={existing || props.disabled}
              onChange={(event) =>
                props.onChange(
                  event.currentTarget.checked
                    ? [...props.value, channel.id]
                    : props.value.filter((id) => id !== channel.id),
                )
              }
              label={`${channel.displayName} · ${t(`posts.target.${targetOfPlatform[channel.platform] ?? "portal"}`)}`}
              data-testid="post-channel"
              data-platform={channel.platform}
            />
          );
        })}
      </Stack>
    );
  }
  return (
    <Box role="group" aria-labelledby="post-channels-label">
      <Input.Label id="post-channels-label">{t("posts.fields.channels")}</Input.Label>
      <Text size="xs" c="dimmed">
        {t("posts.compose.channelsHint")}
      </Text>
      {content}
    </Box>
  );
}

/** The post's own fields, for a new post or an existing one. */
function PostForm(props: {
  post: PostDetail | null;
  unit: UnitChoice | null;
  onUnit: (unit: UnitChoice | null) => void;
}) {
  const { t } = useTranslation();
  const session = useSignedInSession();
  const navigate = useNavigate();
  const client = useQueryClient();
  const { post, unit } = props;
  const [saved, setSaved] = useState(() => fieldsOf(post));
  const [fields, setFields] = useState(saved);
  const [bodyKey, setBodyKey] = useState(0);
  const [channelIds, setChannelIds] = useState<string[]>([]);
  const [titleMissing, setTitleMissing] = useState(false);
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
        return api<PostDetail>("POST", "/api/posts", body);
      }
      const body: UpdatePostBody = common;
      let updated = sameFields(fields, saved)
        ? post
        : await api<PostDetail>("PATCH", `/api/posts/${post.id}`, body);
      for (const channelId of channelIds) {
        await api("POST", `/api/posts/${post.id}/variants`, { channelId });
      }
      if (channelIds.length > 0) {
        updated = await api<PostDetail>("GET", `/api/posts/${post.id}`);
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
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
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
          error={titleMissing ? t("errors.required") : undefined}
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

function NewPost() {
  const { t } = useTranslation();
  const session = useSignedInSession();
  const firstUnitId = defaultUnitId(session);
  const [unit, setUnit] = useState<UnitChoice | null>(null);
  const [touched, setTouched] = useState(false);
  const first = useQuery({
    queryKey: ["units", "detail", firstUnitId],
    queryFn: () => fetchUnit(firstUnitId ?? ""),
    enabled: Boolean(firstUnitId) && !touched,
  });
  const chosen =
    touched || !first.data ? unit : { id: first.data.id, name: first.data.name, path: first.data.path };
  return (
    <>
      <Breadcrumb title={t("posts.compose.newTitle")} />
      <PageHeader title={t("posts.compose.newTitle")} subtitle={t("posts.compose.newSubtitle")} />
      <Paper withBorder p={{ base: "sm", sm: "md" }} maw={960}>
        <PostForm
          post={null}
          unit={chosen}
          onUnit={(next) => {
            setTouched(true);
            setUnit(next);
          }}
        />
      </Paper>
    </>
  );
}

function Breadcrumb({ title }: { title: string }) {
  const { t } = useTranslation();
  return (
    <Group gap={4} mb="xs" wrap="nowrap">
      <Anchor component={Link} to="/posts" size="sm" style={{ whiteSpace: "nowrap" }}>
        {t("posts.list.title")}
      </Anchor>
      <ChevronRightIcon size={14} />
      <Text size="sm" c="dimmed" truncate>
        {title}
      </Text>
    </Group>
  );
}

function ExistingPost({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const session = useSignedInSession();
  const post = useQuery({ queryKey: postKeys.detail(id), queryFn: () => fetchPost(id) });
  const unit = useQuery({
    queryKey: ["units", "detail", post.data?.unitId],
    queryFn: () => fetchUnit(post.data?.unitId ?? ""),
    enabled: Boolean(post.data),
  });
  const [tab, setTab] = useState<string | null>(null);

  if (post.isPending || (post.isSuccess && unit.isPending)) {
    return <LoadingBlock />;
  }
  if (post.isError) {
    return <ErrorBlock error={post.error} onRetry={() => void post.refetch()} />;
  }
  if (unit.isError || !unit.data) {
    return <ErrorBlock error={unit.error} onRetry={() => void unit.refetch()} />;
  }
  const data = post.data;
  const unitChoice = { id: unit.data.id, name: unit.data.name, path: unit.data.path };
  const mayWrite = can(session, "posts.write", unitChoice.path);
  const current =
    tab && data.variants.some((variant) => variant.id === tab) ? tab : (data.variants[0]?.id ?? null);

  return (
    <>
      <Breadcrumb title={data.title} />
      <PageHeader
        title={data.title}
        subtitle={
          <Text size="sm" c="dimmed">
            {[
              data.unitName,
              data.author ? t("posts.compose.by", { name: data.author.fullName }) : null,
              data.credited ? t("posts.compose.credited", { name: data.credited.fullName }) : null,
              t("posts.compose.version", {
                n: data.version,
                at: formatDateTime(data.updatedAt, i18n.language),
              }),
            ]
              .filter(Boolean)
              .join(" · ")}
          </Text>
        }
        actions={
          <>
            <DownloadMenu
              label={t("posts.shareCard.action")}
              testId="post-share-card"
              files={[
                {
                  label: t("posts.shareCard.wide"),
                  href: `/api/posts/${data.id}/share-card.png?size=1200x630&download=1`,
                },
                {
                  label: t("posts.shareCard.square"),
                  href: `/api/posts/${data.id}/share-card.png?size=1080x1080&download=1`,
                },
              ]}
            />
            <Button
              variant="default"
              component={Link}
              to={`/posts/${data.id}/versions`}
              data-testid="post-versions"
            >
              {t("posts.versions.open")}
            </Button>
          </>
        }
      />
      <Stack gap="md" maw={960}>
        {data.approvalsNeeded === 2 && (
          <Alert color="orange" variant="light" data-testid="post-two-approvals">
            {t("posts.compose.twoApprovals")}
          </Alert>
        )}
        <Paper withBorder p={{ base: "sm", sm: "md" }}>
          <Title order={2} size="h4" mb="sm">
            {t("posts.compose.common")}
          </Title>
          <PostForm key={data.id} post={data} unit={unitChoice} onUnit={() => undefined} />
        </Paper>
        <Paper withBorder p={{ base: "sm", sm: "md" }}>
          <Title order={2} size="h4" mb="xs">
            {t("posts.compose.variants")}
          </Title>
          {data.variants.length === 0 ? (
            <EmptyBlock title={t("posts.compose.noVariants")} />
          ) : (
            <Tabs value={current} onChange={setTab} keepMounted={false}>
              <Tabs.List mb="md">
                {data.variants.map((variant) => (
                  <Tabs.Tab
                    key={variant.id}
                    value={variant.id}
                    data-testid="variant-tab"
                    rightSection={
                      <Badge size="xs" variant="light" color={statusColors[variant.status]} tt="none">
                        {t(`posts.status.${variant.status}`)}
                      </Badge>
                    }
                  >
                    {data.variants.filter((other) => other.target === variant.target).length > 1
                      ? `${t(`posts.target.${variant.target}`)}: ${variant.channel.displayName}`
                      : t(`posts.target.${variant.target}`)}
                  </Tabs.Tab>
                ))}
              </Tabs.List>
              {data.variants.map((variant) => (
                <Tabs.Panel key={variant.id} value={variant.id}>
                  <VariantPanel
                    key={`${variant.id}-${variant.contentVersion}`}
                    post={data}
                    variant={variant}
                    unit={unitChoice}
                    mayWrite={mayWrite}
                  />
                </Tabs.Panel>
              ))}
            </Tabs>
          )}
        </Paper>
      </Stack>
    </>
  );
}

/** Write a post, or edit one with its per-channel variants, approvals and publishing. */
export default function PostEditorPage() {
  const { id } = useParams();
  return id ? <ExistingPost key={id} id={id} /> : <NewPost />;
}
