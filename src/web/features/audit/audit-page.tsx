import {
  Anchor,
  Box,
  Button,
  Card,
  Modal,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
} from "@mantine/core";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { auditActions } from "../../../shared/audit-actions.ts";
import { api } from "../../backend/typed-client.ts";
import type { AuditEvent } from "../../backend/types.ts";
import { DateTimeField } from "../../components/date-fields.tsx";
import { FilterPanel } from "../../components/filter-panel.tsx";
import { PageHeader } from "../../components/page-header.tsx";
import { PaginationBar } from "../../components/pagination-bar.tsx";
import { type PersonChoice, PersonPicker } from "../../components/person-picker.tsx";
import { usePhoneLayout } from "../../components/phone-layout.ts";
import { EmptyBlock, ErrorBlock, LoadingBlock } from "../../components/state-blocks.tsx";
import { type UnitChoice, UnitPicker } from "../../components/unit-picker.tsx";
import { formatDateTime, vietnamLocalToIso } from "../../i18n/format.ts";
import { AuditDetails, AuditSentence } from "./audit-event.tsx";
import { actionGroups, wordingOf } from "./audit-wording.ts";

const pageSize = 50;

/** The action filter: every kind in words, grouped by what it concerns, sorted as the reader reads. */
function useActionChoices() {
  const { i18n } = useTranslation();
  const english = i18n.language.startsWith("en");
  return Object.entries(actionGroups).map(([group, words]) => ({
    group: english ? words.en : words.vi,
    items: auditActions
      .filter((action) => action.split(".")[0] === group)
      .map((action) => ({ value: action, label: wordingOf(action, i18n.language).label }))
      .sort((a, b) => a.label.localeCompare(b.label, i18n.language)),
  }));
}

function Details({ event, onClose }: { event: AuditEvent | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={event !== null} onClose={onClose} title={t("audit.details")} size="lg" centered>
      {event && <AuditDetails event={event} />}
    </Modal>
  );
}

/** The read-only audit log in the person's scope, filterable, with times in Vietnam time. */
export default function AuditPage() {
  const { t, i18n } = useTranslation();
  const actionChoices = useActionChoices();
  const phone = usePhoneLayout();
  const [actor, setActor] = useState<PersonChoice | null>(null);
  const [action, setAction] = useState<string | null>(null);
  const [unit, setUnit] = useState<UnitChoice | null>(null);
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const [page, setPage] = useState(1);
  const [shown, setShown] = useState<AuditEvent | null>(null);

  const filters = {
    actorId: actor?.id,
    action: action ?? undefined,
    unitId: unit?.id,
    from: from ? vietnamLocalToIso(from) : undefined,
    to: to ? vietnamLocalToIso(to) : undefined,
  };
  const events = useQuery({
    queryKey: ["audit", filters, page],
    queryFn: () => api("GET", "/api/audit", { query: { ...filters, page, pageSize } }),
    placeholderData: keepPreviousData,
  });
  const filtered = Object.values(filters).some(Boolean);
  const reset = (apply: () => void) => {
    apply();
    setPage(1);
  };
  const items = events.data?.items ?? [];

  let list: ReactNode;
  if (events.isPending) {
    list = <LoadingBlock />;
  } else if (events.isError) {
    list = <ErrorBlock error={events.error} onRetry={() => void events.refetch()} />;
  } else if (events.data.total === 0) {
    list = <EmptyBlock title={t("audit.empty")} />;
  } else if (phone) {
    list = (
      <Stack gap="xs">
        {items.map((event) => (
          <Card key={event.id} withBorder padding="sm">
            <AuditSentence event={event} />
            <Text size="xs" c="dimmed" mt={4} style={{ overflowWrap: "anywhere" }}>
              {[formatDateTime(event.at, i18n.language), event.unitName].filter(Boolean).join(" · ")}
            </Text>
            <Anchor component="button" type="button" size="xs" onClick={() => setShown(event)} ta="left">
              {t("audit.showDetails")}
            </Anchor>
          </Card>
        ))}
      </Stack>
    );
  } else {
    list = (
      <Table.ScrollContainer minWidth={720}>
        <Table striped verticalSpacing="xs" fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={150}>{t("audit.time")}</Table.Th>
              <Table.Th>{t("audit.what")}</Table.Th>
              <Table.Th w={200}>{t("audit.unit")}</Table.Th>
              <Table.Th w={120}>{t("audit.details")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((event) => (
              <Table.Tr key={event.id}>
                <Table.Td style={{ whiteSpace: "nowrap", verticalAlign: "top" }}>
                  {formatDateTime(event.at, i18n.language)}
                </Table.Td>
                <Table.Td style={{ verticalAlign: "top" }}>
                  <AuditSentence event={event} />
                </Table.Td>
                <Table.Td style={{ verticalAlign: "top" }}>{event.unitName ?? t("common.none")}</Table.Td>
                <Table.Td style={{ verticalAlign: "top" }}>
                  <Anchor component="button" type="button" size="sm" onClick={() => setShown(event)}>
                    {t("audit.showDetails")}
                  </Anchor>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    );
  }

  return (
    <>
      <PageHeader title={t("audit.title")} subtitle={t("audit.subtitle")} />
      <Paper withBorder p={{ base: "xs", sm: "md" }}>
        <FilterPanel active={Object.values(filters).filter(Boolean).length}>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm">
            <PersonPicker
              label={t("audit.actor")}
              placeholder={t("audit.actorPlaceholder")}
              value={actor}
              onChange={(value) => reset(() => setActor(value))}
            />
            <Select
              label={t("audit.action")}
              placeholder={t("audit.actionPlaceholder")}
              searchable
              clearable
              data={actionChoices}
              value={action}
              onChange={(value) => reset(() => setAction(value))}
            />
            <UnitPicker
              label={t("audit.unit")}
              value={unit}
              onChange={(value) => reset(() => setUnit(value))}
              permission="audit.read"
              clearable
            />
            <DateTimeField
              label={t("audit.from")}
              value={from}
              onChange={(value) => reset(() => setFrom(value))}
            />
            <DateTimeField label={t("audit.to")} value={to} onChange={(value) => reset(() => setTo(value))} />
            <Box style={{ alignSelf: "end" }}>
              {filtered && (
                <Button
                  variant="subtle"
                  onClick={() =>
                    reset(() => {
                      setActor(null);
                      setAction(null);
                      setUnit(null);
                      setFrom("");
                      setTo("");
                    })
                  }
                >
                  {t("common.clearFilters")}
                </Button>
              )}
            </Box>
          </SimpleGrid>
        </FilterPanel>
        <Text size="xs" c="dimmed" my="sm">
          {t("audit.timezone")}
        </Text>
        {list}
        {events.data && events.data.total > 0 && (
          <PaginationBar page={page} pageSize={pageSize} total={events.data.total} onChange={setPage} />
        )}
      </Paper>
      <Details event={shown} onClose={() => setShown(null)} />
    </>
  );
}
