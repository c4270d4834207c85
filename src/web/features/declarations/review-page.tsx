import { Alert, Anchor, Box, Card, Group, Select, SimpleGrid, Stack, Text, TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { api } from "../../backend/typed-client.ts";
import { FilterPanel } from "../../components/filter-panel.tsx";
import { PageHeader } from "../../components/page-header.tsx";
import { PaginationBar } from "../../components/pagination-bar.tsx";
import { EmptyBlock, ErrorBlock, LoadingBlock } from "../../components/state-blocks.tsx";
import { type UnitChoice, UnitPicker } from "../../components/unit-picker.tsx";
import { formatDate } from "../../i18n/format.ts";
import {
  DeclarationPlatformBadge,
  declarationPlatformChoices,
  declarationPlatforms,
} from "./declaration-platforms.tsx";
import { DeclarationStatusBadge } from "./my-accounts-page.tsx";

const pageSize = 20;
const statuses = ["active", "closed", "compromised"] as const;

/** The value when it is one of `values`; a filter typed into the address by hand that names none is left out. */
function knownValue<Value extends string>(values: readonly Value[], value: string): Value | undefined {
  return values.find((known) => known === value);
}

/** Members' declared accounts for holders of "view member declarations"; the server audits each read. */
export default function DeclarationReviewPage() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const [unit, setUnit] = useState<UnitChoice | null>(null);
  const [search, setSearch] = useState(params.get("q") ?? "");
  const [debounced] = useDebouncedValue(search.trim(), 350);
  const platform = params.get("platform") ?? "";
  const status = params.get("status") ?? "";
  const page = Math.max(1, Number(params.get("page")) || 1);
  const set = (changes: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value) {
        next.set(key, value);
      } else {
        next.delete(key);
      }
    }
    if (!("page" in changes)) {
      next.delete("page");
    }
    setParams(next);
  };
  const list = useQuery({
    queryKey: ["declarations", "review", unit?.id, platform, status, debounced, page],
    queryFn: () =>
      api("GET", "/api/declarations", {
        query: {
          unitId: unit?.id,
          platform: knownValue(declarationPlatforms, platform),
          status: knownValue(statuses, status),
          q: debounced,
          page,
          pageSize,
        },
      }),
    placeholderData: keepPreviousData,
  });
  const filtered = Boolean(unit || platform || status || debounced);

  return (
    <>
      <PageHeader title={t("declarations.review.title")} subtitle={t("declarations.review.subtitle")} />
      <Box mb="md">
        <FilterPanel active={[unit, platform, status].filter(Boolean).length}>
          <SimpleGrid cols={{ base: 1, sm: 3 }} mb="sm">
            <UnitPicker
              label={t("channels.filterUnit")}
              permission="declarations.view"
              clearable
              value={unit}
              onChange={(next) => {
                setUnit(next);
                set({});
              }}
            />
            <Select
              label={t("channels.filterPlatform")}
              placeholder={t("channels.anyPlatform")}
              clearable
              data={declarationPlatformChoices(t)}
              value={platform || null}
              onChange={(value) => set({ platform: value ?? "" })}
            />
            <Select
              label={t("channels.filterStatus")}
              placeholder={t("channels.anyStatus")}
              clearable
              data={statuses.map((value) => ({ value, label: t(`declarations.status.${value}`) }))}
              value={status || null}
              onChange={(value) => set({ status: value ?? "" })}
            />
          </SimpleGrid>
        </FilterPanel>
        <TextInput
          label={t("common.search")}
          placeholder={t("declarations.review.searchPlaceholder")}
          value={search}
          onChange={(event) => {
            setSearch(event.currentTarget.value);
            if (page > 1) {
              set({});
            }
          }}
        />
      </Box>
      {list.data && list.data.items.length > 0 && (
        <Alert color="gray" variant="light" mb="sm" p="xs">
          <Text size="xs">{t("declarations.review.auditNote")}</Text>
        </Alert>
      )}
      {list.isPending && <LoadingBlock />}
      {list.error && <ErrorBlock error={list.error} onRetry={() => list.refetch()} />}
      {list.data && list.data.total === 0 && (
        <EmptyBlock title={filtered ? t("declarations.review.noResults") : t("declarations.review.empty")} />
      )}
      <Stack gap="sm">
        {list.data?.items.map((item) => (
          <Card key={item.id} withBorder padding="md">
            <Stack gap={4}>
              <Text fw={600} style={{ overflowWrap: "anywhere" }}>
                {item.displayName}
              </Text>
              <Anchor
                href={item.url}
                target="_blank"
                rel="noopener noreferrer nofollow"
                size="sm"
                style={{ overflowWrap: "anywhere" }}
              >
                {item.url}
              </Anchor>
              <Group gap={6}>
                <DeclarationPlatformBadge platform={item.platform} />
                <DeclarationStatusBadge status={item.status} />
                <Text size="xs" c="dimmed">
                  {t("declarations.my.since", { date: formatDate(item.statusSince, i18n.language) })}
                </Text>
              </Group>
              <Text size="sm" c="dimmed">
                {t("declarations.review.member")}: {item.person.fullName} · {item.person.unitName} ·{" "}
                {item.realName ? t("declarations.my.realName") : t("declarations.my.notRealName")}
              </Text>
            </Stack>
          </Card>
        ))}
      </Stack>
      {list.data && list.data.total > 0 && (
        <PaginationBar
          page={page}
          pageSize={pageSize}
          total={list.data.total}
          onChange={(next) => set({ page: String(next) })}
        />
      )}
    </>
  );
}
