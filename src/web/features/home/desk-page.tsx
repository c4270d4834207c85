import { Anchor, Badge, Button, Group, Paper, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { inLanguage } from "../../../shared/bilingual.ts";
import { can, useSignedInSession } from "../../backend/session.ts";
import { api } from "../../backend/typed-client.ts";
import type { VariantStatus } from "../../backend/types.ts";
import { PlusIcon } from "../../components/icons.tsx";
import { PageHeader } from "../../components/page-header.tsx";
import { ErrorBlock, LoadingBlock } from "../../components/state-blocks.tsx";
import { formatDateTime, vietnamToday } from "../../i18n/format.ts";
import { NeedsConnectionCard } from "../channels/needs-connection-card.tsx";

/** How many items each section lists; the rest are a click away on the full list. */
const shown = 5;

interface VariantQuery {
  status?: VariantStatus;
  rejected?: "true" | "false";
  from?: string;
  to?: string;
}

interface Section {
  key: "drafts" | "inReview" | "rejected" | "scheduledToday" | "failed";
  query: VariantQuery;
  /** The full list this section is the start of. */
  all: string;
}

/** Today in Vietnam, from midnight to midnight, as the server's instants. */
function todaySpan(): { from: string; to: string } {
  const today = vietnamToday();
  const from = new Date(`${today}T00:00:00+07:00`);
  return { from: from.toISOString(), to: new Date(from.getTime() + 86_400_000).toISOString() };
}

function sections(): Section[] {
  return [
    { key: "drafts", query: { status: "draft", rejected: "false" }, all: "/posts?status=draft" },
    { key: "inReview", query: { status: "in_review" }, all: "/posts?status=in_review" },
    { key: "rejected", query: { rejected: "true" }, all: "/posts?status=draft" },
    { key: "scheduledToday", query: { status: "scheduled", ...todaySpan() }, all: "/calendar" },
    { key: "failed", query: { status: "failed" }, all: "/posts?status=failed" },
  ];
}

function DeskSection({ section }: { section: Section }) {
  const { t, i18n } = useTranslation();
  const list = useQuery({
    queryKey: ["variants", "desk", section.key, section.query],
    queryFn: () => api("GET", "/api/variants", { query: { ...section.query, pageSize: shown } }),
  });
  const headingId = `desk-${section.key}`;
  let body: ReactNode;
  if (list.isPending) {
    body = <LoadingBlock />;
  } else if (list.isError) {
    body = <ErrorBlock error={list.error} onRetry={() => void list.refetch()} />;
  } else if (list.data.items.length === 0) {
    body = (
      <Text size="sm" c="dimmed">
        {t(`home.desk.${section.key}.empty`)}
      </Text>
    );
  } else {
    body = (
      <Stack gap="sm" component="ul" style={{ listStyle: "none", margin: 0, padding: 0 }}>
        {list.data.items.map((item) => (
          <li key={item.variantId} data-testid="desk-item">
            <Anchor
              component={Link}
              to={`/posts/${item.postId}`}
              fw={600}
              style={{ overflowWrap: "anywhere" }}
            >
              {item.postTitle}
            </Anchor>
            <Text size="sm" c="dimmed" style={{ overflowWrap: "anywhere" }}>
              {item.channelName || t(`posts.target.${item.target}`)}
              {item.scheduledAt && section.key === "scheduledToday"
                ? ` · ${formatDateTime(item.scheduledAt, i18n.language)}`
                : ""}
              {section.key !== "scheduledToday" ? ` · ${item.unitName}` : ""}
            </Text>
            {item.rejection && (
              <Text size="sm" style={{ overflowWrap: "anywhere" }}>
                {t("home.desk.rejectedBy", { name: item.rejection.byName, reason: item.rejection.reason })}
              </Text>
            )}
            {item.failure && (
              <Text size="sm" c="red.8" style={{ overflowWrap: "anywhere" }}>
                {inLanguage(item.failure.message, i18n.language)}
              </Text>
            )}
          </li>
        ))}
      </Stack>
    );
  }
  const total = list.data?.total;
  return (
    <Paper
      withBorder
      p="md"
      component="section"
      aria-labelledby={headingId}
      data-testid={`desk-${section.key}`}
    >
      <Group justify="space-between" wrap="nowrap" mb="sm" gap="xs">
        <Title order={2} size="h4" id={headingId}>
          {t(`home.desk.${section.key}.title`)}
        </Title>
        {total !== undefined && (
          <Badge
            variant={
              total > 0 && (section.key === "failed" || section.key === "rejected") ? "filled" : "light"
            }
            color={section.key === "failed" ? "red" : section.key === "rejected" ? "orange" : "blue"}
            size="lg"
            radius="sm"
            data-testid="desk-count"
            aria-label={t("home.count", { count: total })}
          >
            {total}
          </Badge>
        )}
      </Group>
      {body}
      {total !== undefined && total > 0 && (
        <Anchor component={Link} to={section.all} size="sm" mt="sm" display="inline-block">
          {t("home.desk.seeAll", { count: total })}
        </Anchor>
      )}
    </Paper>
  );
}

/**
 * The editor's home: what waits for them today, in the order they act on it (what failed first, then
 * what an approver sent back, then today's schedule, what waits for approval, the drafts).
 */
export default function DeskPage({ extra }: { extra?: ReactNode }) {
  const { t } = useTranslation();
  const session = useSignedInSession();
  const all = sections();
  const order: Section["key"][] = ["failed", "rejected", "scheduledToday", "inReview", "drafts"];
  return (
    <>
      <PageHeader
        title={t("home.desk.title")}
        subtitle={t("home.desk.subtitle")}
        actions={
          can(session, "posts.write") ? (
            <Button component={Link} to="/posts/new" leftSection={<PlusIcon size={16} />}>
              {t("home.desk.write")}
            </Button>
          ) : undefined
        }
      />
      <Stack gap="md">
        {/* Cards from other parts of the desk (channels that need connecting) come first: they block publishing. */}
        {extra}
        <NeedsConnectionCard />
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
          {order.map((key) => {
            const section = all.find((candidate) => candidate.key === key);
            return section ? <DeskSection key={key} section={section} /> : null;
          })}
        </SimpleGrid>
      </Stack>
    </>
  );
}
