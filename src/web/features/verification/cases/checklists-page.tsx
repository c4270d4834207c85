import { ActionIcon, Badge, Button, Card, Group, Stack, Text, Textarea, Title } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { CaseCategory } from "../../../../shared/api/verification-values.ts";
import { useSignedInSession } from "../../../backend/session.ts";
import { api, type ResponseOf } from "../../../backend/typed-client.ts";
import {
  InvalidFieldNotice,
  useFirstInvalidField,
  useMissingField,
} from "../../../components/invalid-field.tsx";
import { useListFilters } from "../../../components/list-filters.ts";
import { PageHeader } from "../../../components/page-header.tsx";
import { EmptyBlock, ErrorBlock, FormError, LoadingBlock } from "../../../components/state-blocks.tsx";
import { UnitFilter, useUnitFilter } from "../../../components/unit-filter.tsx";

type Lists = ResponseOf<"GET", "/api/verification/checklists">;
type Item = { key?: string; text: string };

/** The steps a unit's checkers follow, category by category; the desk's defaults until edited. */
export default function ChecklistsPage() {
  const { t } = useTranslation();
  const filters = useListFilters();
  const session = useSignedInSession();
  // Where the person manages cases first (their own unit may be one where they only read).
  const ownUnit =
    session.grants.find((grant) => grant.role === "checker" || grant.role === "administrator")?.unitId ??
    session.person.unitId;
  const unitId = filters.value("unitId") || ownUnit;
  const unitFilter = useUnitFilter(unitId, (id) => filters.setFilters({ unitId: id }));
  const lists = useQuery({
    queryKey: ["verification", "checklists", unitId],
    queryFn: () => api("GET", "/api/verification/checklists", { query: { unitId } }),
    enabled: Boolean(unitId),
  });
  return (
    <>
      <PageHeader
        title={t("verification.cases.checklists.title")}
        subtitle={t("verification.cases.checklists.subtitle")}
        back={{ to: "/verification", label: t("verification.cases.case.back") }}
      />
      <Stack gap="md" maw={720}>
        <UnitFilter
          label={t("verification.cases.checklists.unit")}
          permission="cases.manage"
          filter={unitFilter}
        />
        {!unitId && <EmptyBlock title={t("verification.cases.checklists.chooseUnit")} />}
        {lists.isLoading && <LoadingBlock />}
        {lists.error && <ErrorBlock error={lists.error} onRetry={() => lists.refetch()} />}
        {lists.data?.lists.map((list) => (
          <CategoryList key={`${unitId}-${list.category}`} unitId={unitId} list={list} />
        ))}
      </Stack>
    </>
  );
}

function CategoryList({ unitId, list }: { unitId: string; list: Lists["lists"][number] }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [items, setItems] = useState<Item[]>(list.items);
  const [saved, setSaved] = useState(false);
  const [tried, setTried] = useState(false);
  const invalid = useFirstInvalidField();
  const missing = useMissingField();
  const save = useMutation({
    mutationFn: () =>
      api("PUT", "/api/verification/checklists", {
        query: { unitId },
        body: {
          lists: [
            {
              category: list.category as CaseCategory,
              items: items.map((item) => ({ ...item, text: item.text.trim() })),
            },
          ],
        },
      }),
    onSuccess: async () => {
      setSaved(true);
      setTried(false);
      await client.invalidateQueries({ queryKey: ["verification"] });
    },
  });
  const update = (index: number, text: string) => {
    setSaved(false);
    setItems((current) => current.map((item, i) => (i === index ? { ...item, text } : item)));
  };
  return (
    <Card withBorder padding="sm" data-testid={`checklist-${list.category}`}>
      <form
        ref={invalid.formRef}
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          setTried(true);
          // An empty step is refused rather than dropped: the × beside it removes a step on purpose.
          if (items.every((item) => item.text.trim())) {
            save.mutate();
          }
          invalid.afterSubmit();
        }}
        onChange={invalid.afterInput}
      >
        <Stack gap="xs">
          <Group gap="xs">
            <Title order={2} size="h5">
              {t(`verification.cases.category.${list.category}`)}
            </Title>
            {list.isDefault && (
              <Badge variant="light" color="gray" tt="none">
                {t("verification.cases.checklists.isDefault")}
              </Badge>
            )}
          </Group>
          {items.map((item, index) => (
            <Group key={item.key ?? `new-${index}`} gap="xs" wrap="nowrap" align="flex-end">
              <Textarea
                style={{ flex: 1 }}
                autosize
                minRows={1}
                label={t("verification.cases.checklists.itemLabel", { n: index + 1 })}
                value={item.text}
                maxLength={300}
                onChange={(event) => update(index, event.currentTarget.value)}
                error={
                  tried && !item.text.trim()
                    ? missing.fill(t("verification.cases.checklists.itemLabel", { n: index + 1 }))
                    : undefined
                }
              />
              <ActionIcon
                variant="subtle"
                color="red"
                size="lg"
                aria-label={t("verification.cases.checklists.removeItem")}
                onClick={() => {
                  setSaved(false);
                  setItems((current) => current.filter((_, i) => i !== index));
                }}
              >
                ×
              </ActionIcon>
            </Group>
          ))}
          <InvalidFieldNotice message={invalid.message} />
          <FormError error={save.error} />
          {saved && (
            <Text size="sm" c="green">
              {t("verification.cases.checklists.saved")}
            </Text>
          )}
          <Group gap="xs">
            <Button
              variant="default"
              size="xs"
              onClick={() => setItems((current) => [...current, { text: "" }])}
              disabled={items.length >= 30}
            >
              {t("verification.cases.checklists.addItem")}
            </Button>
            <Button type="submit" size="xs" loading={save.isPending}>
              {t("verification.cases.checklists.save")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
