import { Alert, Anchor, Badge, Button, Group, Paper, Stack, Tabs, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { can, useSignedInSession } from "../../backend/session.ts";
import { DownloadMenu } from "../../components/download-menu.tsx";
import { ChevronRightIcon } from "../../components/icons.tsx";
import { PageHeader } from "../../components/page-header.tsx";
import { EmptyBlock, ErrorBlock, LoadingBlock } from "../../components/state-blocks.tsx";
import type { UnitChoice } from "../../components/unit-picker.tsx";
import { formatDateTime } from "../../i18n/format.ts";
import { fetchUnit } from "../units/unit-queries.ts";
import { statusColors } from "./post-badges.tsx";
import { PostForm } from "./post-form.tsx";
import { fetchPost, postKeys } from "./posts-api.ts";
import { VariantPanel } from "./variant-panel.tsx";

/** The unit a new post most likely belongs to: the first where the person may write. */
function defaultUnitId(session: ReturnType<typeof useSignedInSession>): string | null {
  const paths = session.abilities["posts.write"] ?? [];
  return session.grants.find((grant) => paths.includes(grant.unitPath))?.unitId ?? null;
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
