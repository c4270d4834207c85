import { Group, Loader, Paper, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { can, useSignedInSession } from "../../backend/session.ts";
import { api } from "../../backend/typed-client.ts";
import type { Permission } from "../../backend/types.ts";
import { PageHeader } from "../../components/page-header.tsx";
import { formatNumber } from "../../i18n/format.ts";
import { NeedsConnectionCard } from "../channels/needs-connection-card.tsx";

interface Figure {
  key: "units" | "people" | "channels" | "channelsLost" | "declarationRequests" | "publishingFailures";
  permission: Permission;
  /** The list the figure counts, filtered as the figure is. */
  to: string;
  count: () => Promise<number>;
  /** A figure that asks for action when it is not zero. */
  alarming?: boolean;
}

// Each count is an existing list's total (one row asked for), so the figure and its list agree.
const figures: Figure[] = [
  {
    key: "units",
    permission: "units.read",
    to: "/units",
    count: async () => (await api("GET", "/api/units", { query: { pageSize: 1 } })).total,
  },
  {
    key: "people",
    permission: "people.read",
    to: "/people?status=active",
    count: async () => (await api("GET", "/api/people", { query: { status: "active", pageSize: 1 } })).total,
  },
  {
    key: "channels",
    permission: "units.read",
    to: "/channels",
    count: async () =>
      (await api("GET", "/api/channels", { query: { status: "active", pageSize: 1 } })).total,
  },
  {
    key: "channelsLost",
    permission: "units.read",
    to: "/channels?status=lost_control",
    alarming: true,
    count: async () =>
      (await api("GET", "/api/channels", { query: { status: "lost_control", pageSize: 1 } })).total,
  },
  {
    key: "declarationRequests",
    permission: "declarations.manage",
    to: "/declarations/requests",
    // Requests are few (a handful a year per unit): the newest 200 hold every open one.
    count: async () =>
      (await api("GET", "/api/declaration-requests", { query: { pageSize: 200 } })).items.filter(
        (request) => request.closedAt === null,
      ).length,
  },
  {
    key: "publishingFailures",
    permission: "posts.read",
    to: "/posts?status=failed",
    alarming: true,
    count: async () => (await api("GET", "/api/posts", { query: { status: "failed", pageSize: 1 } })).total,
  },
];

function FigureCard({ figure }: { figure: Figure }) {
  const { t, i18n } = useTranslation();
  const count = useQuery({ queryKey: ["overview", figure.key], queryFn: figure.count });
  const label = t(`home.overview.${figure.key}`);
  const value = count.data;
  return (
    <Paper
      withBorder
      p="md"
      component={Link}
      to={figure.to}
      data-testid={`overview-${figure.key}`}
      data-value={value ?? ""}
      style={{ textDecoration: "none", color: "inherit", display: "block" }}
    >
      <Group gap="xs" wrap="nowrap" mih={36}>
        {count.isPending ? (
          <Loader size="sm" aria-label={t("common.loading")} />
        ) : count.isError ? (
          <Text size="sm" c="red.8">
            {t("errors.loadFailed")}
          </Text>
        ) : (
          <Text fz={28} fw={700} lh={1.2} c={figure.alarming && value ? "red.8" : undefined}>
            {formatNumber(value ?? 0, i18n.language)}
          </Text>
        )}
      </Group>
      <Text size="sm" mt={4}>
        {label}
      </Text>
    </Paper>
  );
}

/**
 * The administrator's home: their subtree in figures (units, people, channels, open declaration
 * requests, publishing failures), each figure a link to the list it counts.
 */
export default function OverviewPage({ extra }: { extra?: ReactNode }) {
  const { t } = useTranslation();
  const session = useSignedInSession();
  const shown = figures.filter((figure) => can(session, figure.permission));
  return (
    <>
      <PageHeader title={t("home.overview.title")} subtitle={t("home.overview.subtitle")} />
      <Stack gap="md">
        <section aria-labelledby="overview-figures">
          <Title order={2} size="h4" mb="sm" id="overview-figures">
            {t("home.overview.figures")}
          </Title>
          <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="sm">
            {shown.map((figure) => (
              <FigureCard key={figure.key} figure={figure} />
            ))}
          </SimpleGrid>
        </section>
        {/* Cards from other parts of the app (channels that need connecting) go here. */}
        {extra}
        <NeedsConnectionCard />
      </Stack>
    </>
  );
}
