import { Anchor, Badge, Button, Card, Group, Select, Stack, Table, Text, TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { can, useSignedInSession } from "../../backend/session.ts";
import { api } from "../../backend/typed-client.ts";
import { type PostListItem, variantStatuses } from "../../backend/types.ts";
import { CalendarIcon, PlusIcon } from "../../components/icons.tsx";
import { useListFilters, useSettledText } from "../../components/list-filters.ts";
import { ListPanel, ListTable } from "../../components/list-panel.tsx";
import { PageHeader } from "../../components/page-header.tsx";
import { usePhoneLayout } from "../../components/phone-layout.ts";
import { EmptyBlock, ErrorBlock, LoadingBlock } from "../../components/state-blocks.tsx";
import { UnitFilter, useUnitFilter } from "../../components/unit-filter.tsx";
import { formatDateTime } from "../../i18n/format.ts";
import { VariantChip } from "./post-badges.tsx";
import { knownStatus } from "./posts-api.ts";

const pageSize = 20;

function VariantChips({ post }: { post: PostListItem }) {
  const { t } = useTranslation();
  if (post.variants.length === 0) {
    return (
      <Text size="xs" c="dimmed">
        {t("posts.list.noChannels")}
      </Text>
    );
  }
  return (
    <Group gap={4} data-testid="post-variant-statuses">
      {post.variants.map((variant) => (
        <VariantChip key={variant.id} target={variant.target} status={variant.status} />
      ))}
    </Group>
  );
}

function Tags({ tags }: { tags: string[] }) {
  if (tags.length === 0) {
    return null;
  }
  return (
    <Group gap={4}>
      {tags.map((tag) => (
        <Badge key={tag} size="xs" variant="default" radius="sm" tt="none">
          #{tag}
        </Badge>
      ))}
    </Group>
  );
}

/** The posts of the units the person may see: filters, pages, a table or phone cards. */
export default function PostsPage() {
  const { t, i18n } = useTranslation();
  const session = useSignedInSession();
  const phone = usePhoneLayout();
  const { value, page, search, setSearch, debounced, setFilters, setPage, clearFilters, params } =
    useListFilters();
  const [tagText, setTagText] = useState(params.get("tag") ?? "");
  const [tagDebounced] = useDebouncedValue(tagText.trim().replace(/^#/, ""), 350);
  useSettledText("tag", tagDebounced, params, setFilters);
  const unitId = value("unitId");
  const status = value("status");
  const tag = value("tag");
  const unitFilter = useUnitFilter(unitId, (id) => setFilters({ unitId: id }));
  const mayWrite = can(session, "posts.write");

  const posts = useQuery({
    queryKey: ["posts", "list", { q: debounced, unitId, status, tag, page }],
    queryFn: () =>
      api("GET", "/api/posts", {
        query: { q: debounced, unitId, status: knownStatus(status), tag, page, pageSize },
      }),
    placeholderData: keepPreviousData,
  });
  const items = posts.data?.items ?? [];
  const filtered = Boolean(debounced || unitId || status || tag);

  let list: ReactNode;
  if (posts.isPending) {
    list = <LoadingBlock />;
  } else if (posts.isError) {
    list = <ErrorBlock error={posts.error} onRetry={() => void posts.refetch()} />;
  } else if (items.length === 0) {
    list = filtered ? (
      <EmptyBlock title={t("posts.list.noResults")} />
    ) : (
      <EmptyBlock title={t("posts.list.empty")}>
        <Text size="sm" c="dimmed">
          {t("posts.list.emptyHint")}
        </Text>
        {mayWrite && (
          <Button mt="md" leftSection={<PlusIcon size={16} />} component={Link} to="/posts/new">
            {t("posts.write")}
          </Button>
        )}
      </EmptyBlock>
    );
  } else if (phone) {
    list = (
      <Stack gap="xs" data-testid="post-cards">
        {items.map((post) => (
          <Card key={post.id} withBorder padding="sm" data-testid="post-card">
            <Anchor component={Link} to={`/posts/${post.id}`} fw={600} style={{ overflowWrap: "anywhere" }}>
              {post.title}
            </Anchor>
            <Text size="xs" c="dimmed" mt={2}>
              {post.unitName} · {formatDateTime(post.updatedAt, i18n.language)}
            </Text>
            <Stack gap={4} mt={6}>
              <VariantChips post={post} />
              <Tags tags={post.tags} />
            </Stack>
          </Card>
        ))}
      </Stack>
    );
  } else {
    list = (
      <ListTable
        minWidth={720}
        head={
          <>
            <Table.Th>{t("posts.fields.title")}</Table.Th>
            <Table.Th>{t("posts.list.channels")}</Table.Th>
            <Table.Th>{t("posts.fields.unit")}</Table.Th>
            <Table.Th>{t("posts.list.updatedAt")}</Table.Th>
          </>
        }
      >
        {items.map((post) => (
          <Table.Tr key={post.id} data-testid="post-row">
            <Table.Td>
              <Anchor component={Link} to={`/posts/${post.id}`} size="sm" fw={500}>
                {post.title}
              </Anchor>
              {post.origin === "collaborator" && (
                <Text size="xs" c="dimmed">
                  {t("posts.list.fromCollaborator")}
                </Text>
              )}
              <Tags tags={post.tags} />
            </Table.Td>
            <Table.Td>
              <VariantChips post={post} />
            </Table.Td>
            <Table.Td>{post.unitName}</Table.Td>
            <Table.Td style={{ whiteSpace: "nowrap" }}>
              <Text size="sm">{formatDateTime(post.updatedAt, i18n.language)}</Text>
            </Table.Td>
          </Table.Tr>
        ))}
      </ListTable>
    );
  }

  return (
    <>
      <PageHeader
        title={t("posts.list.title")}
        subtitle={t("posts.list.subtitle")}
        actions={
          <>
            <Button
              variant="default"
              leftSection={<CalendarIcon size={16} />}
              component={Link}
              to="/calendar"
            >
              {t("nav.calendar")}
            </Button>
            {mayWrite && (
              <Button
                leftSection={<PlusIcon size={16} />}
                component={Link}
                to="/posts/new"
                data-testid="post-new"
              >
                {t("posts.write")}
              </Button>
            )}
          </>
        }
      />
      <ListPanel
        search={{ value: search, onChange: setSearch, placeholder: t("posts.list.searchPlaceholder") }}
        filterColumns={3}
        activeFilters={[unitId, status, tag].filter(Boolean).length}
        filters={
          <>
            <UnitFilter label={t("posts.list.filterUnit")} permission="posts.read" filter={unitFilter} />
            <Select
              label={t("posts.list.filterStatus")}
              placeholder={t("posts.list.anyStatus")}
              clearable
              data={variantStatuses.map((value) => ({ value, label: t(`posts.status.${value}`) }))}
              value={status || null}
              onChange={(value) => setFilters({ status: value })}
            />
            <TextInput
              label={t("posts.list.filterTag")}
              placeholder={t("posts.list.tagPlaceholder")}
              value={tagText}
              onChange={(event) => setTagText(event.currentTarget.value)}
            />
          </>
        }
        filtered={filtered}
        onClearFilters={() => {
          setTagText("");
          clearFilters();
        }}
        pagination={{ page, pageSize, total: posts.data?.total ?? 0, onChange: setPage }}
      >
        {list}
      </ListPanel>
    </>
  );
}
