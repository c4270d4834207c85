import { Anchor, Box, Group, Paper, Select, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { api } from "../../backend/typed-client.ts";
import type { PostVersion, VariantTarget } from "../../backend/types.ts";
import { ChevronRightIcon } from "../../components/icons.tsx";
import { PageHeader } from "../../components/page-header.tsx";
import { EmptyBlock, ErrorBlock, LoadingBlock } from "../../components/state-blocks.tsx";
import { formatDateTime } from "../../i18n/format.ts";
import { fetchPost, isArticleTarget, postKeys } from "./posts-api.ts";
import { diffWords, htmlToText } from "./word-diff.ts";

interface VariantSnapshot {
  id: string;
  target: VariantTarget;
  channelId: string;
  title: string;
  body: string;
  linkUrl: string;
  status: string;
}

interface Snapshot {
  title: string;
  body: string;
  summary: string;
  tags: string;
  variants: VariantSnapshot[];
}

const text = (value: unknown): string => (typeof value === "string" ? value : "");

/** A saved version as comparable text (the snapshot is stored as free JSON, so nothing is assumed). */
function snapshotOf(version: PostVersion): Snapshot {
  const raw = version.snapshot;
  const variants = Array.isArray(raw.variants) ? (raw.variants as Record<string, unknown>[]) : [];
  return {
    title: text(raw.title),
    body: htmlToText(text(raw.bodyHtml)),
    summary: text(raw.summary),
    tags: Array.isArray(raw.tags) ? raw.tags.map((tag) => `#${String(tag)}`).join(" ") : "",
    variants: variants.map((variant) => {
      const target = text(variant.target) as VariantTarget;
      return {
        id: text(variant.id),
        target,
        channelId: text(variant.channelId),
        title: text(variant.title),
        body: isArticleTarget(target) ? htmlToText(text(variant.body)) : text(variant.body),
        linkUrl: text(variant.linkUrl),
        status: text(variant.status),
      };
    }),
  };
}

const removedStyle = {
  background: "var(--mantine-color-red-light)",
  color: "var(--mantine-color-red-9)",
  textDecoration: "line-through",
};
const addedStyle = {
  background: "var(--mantine-color-green-light)",
  color: "var(--mantine-color-green-9)",
  textDecoration: "none",
};

/** One field of both versions side by side (stacked on a phone), changes highlighted word by word. */
function Compare({ label, before, after }: { label: string; before: string; after: string }) {
  const { t } = useTranslation();
  const parts = diffWords(before, after);
  const changed = parts.some((part) => part.kind !== "same");
  const column = (keep: "removed" | "added", side: string) => (
    <Box
      p="xs"
      style={{
        border: "1px solid var(--mantine-color-default-border)",
        borderRadius: 4,
        whiteSpace: "pre-wrap",
        overflowWrap: "anywhere",
        fontSize: "var(--mantine-font-size-sm)",
        minHeight: 34,
      }}
      aria-label={`${label}: ${side}`}
    >
      {!parts.some((part) => (part.kind === "same" || part.kind === keep) && part.text.trim()) ? (
        <Text span c="dimmed" size="sm">
          {t("posts.versions.empty")}
        </Text>
      ) : (
        parts.map((part, i) =>
          part.kind === "same" ? (
            // biome-ignore lint/suspicious/noArrayIndexKey: the parts never reorder
            <span key={i}>{part.text}</span>
          ) : part.kind === keep ? (
            keep === "removed" ? (
              // biome-ignore lint/suspicious/noArrayIndexKey: the parts never reorder
              <del key={i} style={removedStyle}>
                {part.text}
              </del>
            ) : (
              // biome-ignore lint/suspicious/noArrayIndexKey: the parts never reorder
              <ins key={i} style={addedStyle}>
                {part.text}
              </ins>
            )
          ) : null,
        )
      )}
    </Box>
  );
  return (
    <Box data-testid="version-field" data-changed={changed}>
      <Group gap={6} mb={2}>
        <Text size="sm" fw={600}>
          {label}
        </Text>
        {!changed && (
          <Text size="xs" c="dimmed">
            {t("posts.versions.unchanged")}
          </Text>
        )}
      </Group>
      {changed ? (
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
          {column("removed", t("posts.versions.older"))}
          {column("added", t("posts.versions.newer"))}
        </SimpleGrid>
      ) : (
        // Unchanged text once, not twice: on a phone the two copies would sit one under the other.
        column("added", t("posts.versions.unchanged"))
      )}
    </Box>
  );
}

/** Two saved versions of a post side by side: its own fields, then each channel's version. */
export default function PostVersionsPage() {
  const { id = "" } = useParams();
  const { t, i18n } = useTranslation();
  const post = useQuery({ queryKey: postKeys.detail(id), queryFn: () => fetchPost(id) });
  const versions = useQuery({
    queryKey: postKeys.versions(id),
    queryFn: () => api("GET", "/api/posts/:id/versions", { params: { id } }),
  });
  const [olderChoice, setOlder] = useState<string | null>(null);
  const [newerChoice, setNewer] = useState<string | null>(null);

  if (versions.isPending || post.isPending) {
    return <LoadingBlock />;
  }
  if (versions.isError || post.isError) {
    const error = versions.error ?? post.error;
    return (
      <ErrorBlock
        error={error}
        onRetry={() => {
          void versions.refetch();
          void post.refetch();
        }}
      />
    );
  }
  const items = versions.data.items;
  const channelNames = new Map(
    post.data.variants.map((variant) => [variant.channelId, variant.channel.displayName]),
  );
  const label = (version: PostVersion) =>
    version.editor
      ? t("posts.versions.optionBy", {
          n: version.version,
          at: formatDateTime(version.createdAt, i18n.language),
          name: version.editor.fullName,
        })
      : t("posts.versions.option", {
          n: version.version,
          at: formatDateTime(version.createdAt, i18n.language),
        });
  const options = items.map((version) => ({ value: String(version.version), label: label(version) }));
  const newer = items.find((version) => String(version.version) === newerChoice) ?? items[0];
  const older = items.find((version) => String(version.version) === olderChoice) ?? items[1] ?? items[0];

  let content: ReactNode;
  if (!newer || !older || items.length < 2) {
    content = <EmptyBlock title={t("posts.versions.onlyOne")} />;
  } else {
    const a = snapshotOf(older);
    const b = snapshotOf(newer);
    const variantIds = [...new Set([...a.variants, ...b.variants].map((variant) => variant.id))];
    content = (
      <Stack gap="md">
        <Compare label={t("posts.fields.title")} before={a.title} after={b.title} />
        <Compare label={t("posts.fields.summary")} before={a.summary} after={b.summary} />
        <Compare label={t("posts.fields.tags")} before={a.tags} after={b.tags} />
        <Compare label={t("posts.fields.body")} before={a.body} after={b.body} />
        {variantIds.length > 0 && (
          <Title order={2} size="h4" mt="sm">
            {t("posts.versions.variants")}
          </Title>
        )}
        {variantIds.map((variantId) => {
          const before = a.variants.find((variant) => variant.id === variantId);
          const after = b.variants.find((variant) => variant.id === variantId);
          const any = (after ?? before) as VariantSnapshot;
          const missing = t("posts.versions.missing");
          const status = (variant: VariantSnapshot | undefined) =>
            variant ? t(`posts.status.${variant.status}`, { defaultValue: variant.status }) : missing;
          return (
            <Paper key={variantId} withBorder p="sm" data-testid="version-variant">
              <Title order={3} size="h5" mb="xs" style={{ overflowWrap: "anywhere" }}>
                {t(`posts.target.${any.target}`)}
                {channelNames.get(any.channelId) ? ` · ${channelNames.get(any.channelId)}` : ""}
              </Title>
              <Stack gap="sm">
                <Compare label={t("posts.versions.status")} before={status(before)} after={status(after)} />
                {(before?.title || after?.title) && (
                  <Compare
                    label={t("posts.variant.title")}
                    before={before?.title ?? ""}
                    after={after?.title ?? ""}
                  />
                )}
                <Compare
                  label={t("posts.variant.body")}
                  before={before ? before.body : missing}
                  after={after ? after.body : missing}
                />
                {(before?.linkUrl || after?.linkUrl) && (
                  <Compare
                    label={t("posts.versions.link")}
                    before={before?.linkUrl ?? ""}
                    after={after?.linkUrl ?? ""}
                  />
                )}
              </Stack>
            </Paper>
          );
        })}
      </Stack>
    );
  }

  return (
    <>
      <Group gap={4} mb="xs" wrap="nowrap">
        <Anchor component={Link} to="/posts" size="sm" style={{ whiteSpace: "nowrap" }}>
          {t("posts.list.title")}
        </Anchor>
        <ChevronRightIcon size={14} />
        <Anchor component={Link} to={`/posts/${id}`} size="sm" truncate>
          {post.data.title}
        </Anchor>
      </Group>
      <PageHeader title={t("posts.versions.title")} subtitle={t("posts.versions.subtitle")} />
      <Paper withBorder p={{ base: "sm", sm: "md" }}>
        <Stack gap="md">
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <Select
              label={t("posts.versions.older")}
              data={options}
              value={older ? String(older.version) : null}
              onChange={setOlder}
              allowDeselect={false}
              data-testid="version-older"
            />
            <Select
              label={t("posts.versions.newer")}
              data={options}
              value={newer ? String(newer.version) : null}
              onChange={setNewer}
              allowDeselect={false}
              data-testid="version-newer"
            />
          </SimpleGrid>
          <Group gap="md">
            <Text size="xs">
              <del style={removedStyle}>{t("posts.versions.removed")}</del>
            </Text>
            <Text size="xs">
              <ins style={addedStyle}>{t("posts.versions.added")}</ins>
            </Text>
          </Group>
          {content}
        </Stack>
      </Paper>
    </>
  );
}
