import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { caseCategoryValues, caseUrgencyValues } from "../../../../shared/api/verification-values.ts";
import { api } from "../../../backend/typed-client.ts";
import { DateTimeField } from "../../../components/date-fields.tsx";
import {
  InvalidFieldNotice,
  useFirstInvalidField,
  useMissingField,
} from "../../../components/invalid-field.tsx";
import { PageHeader } from "../../../components/page-header.tsx";
import { ErrorBlock, FormError, LoadingBlock } from "../../../components/state-blocks.tsx";
import { formatDateTime, vietnamLocalToIso } from "../../../i18n/format.ts";
import { CaseIndicators } from "../indicators/case-indicators.tsx";
import { VerdictPanel } from "../verdicts/verdict-panel.tsx";
import { type CaseDetail, caseKey } from "./case-api.ts";
import { StatusBadge, UrgencyBadge } from "./case-labels.tsx";
import { CaseTimeline } from "./case-timeline.tsx";
import { CaseSuggestions, CaseTips } from "./case-tips.tsx";
import { CaseChecklist, CaseEvidence } from "./case-work.tsx";

/** "2026-12-07T09:30" in Vietnam's time, as the date-time field takes it. */
const vietnamLocal = (iso: string | null) =>
  iso ? new Date(new Date(iso).getTime() + 7 * 3_600_000).toISOString().slice(0, 16) : "";

/** One case as the desk works it: what was reported, what was found, what was done. */
export default function CasePage() {
  const { id = "" } = useParams();
  const { t, i18n } = useTranslation();
  const detail = useQuery({
    queryKey: caseKey(id),
    queryFn: () => api("GET", "/api/cases/:id", { params: { id } }),
    // While a screenshot is being read, look again shortly.
    refetchInterval: (query) =>
      query.state.data?.tips.some((tip) => tip.files.some((file) => file.ocrStatus === "pending"))
        ? 5000
        : false,
  });
  if (detail.isPending) {
    return <LoadingBlock />;
  }
  if (detail.error) {
    return <ErrorBlock error={detail.error} onRetry={() => detail.refetch()} />;
  }
  const data = detail.data;
  return (
    <>
      <PageHeader
        title={data.title}
        back={{ to: "/verification", label: t("verification.cases.case.back") }}
      />
      <Group gap={6} mb="xs">
        <UrgencyBadge urgency={data.urgency} />
        <StatusBadge status={data.status} />
        {data.category && (
          <Badge variant="default" tt="none">
            {t(`verification.cases.category.${data.category}`)}
          </Badge>
        )}
        {data.overdue && (
          <Badge color="red" tt="none">
            {t("verification.cases.overdue")}
          </Badge>
        )}
      </Group>
      <Text size="sm" c="dimmed" mb="md">
        {[
          data.unitName,
          t("verification.cases.case.received", { time: formatDateTime(data.createdAt, i18n.language) }),
          t("verification.cases.demand", { count: data.demand }),
          data.assignee?.fullName ?? t("verification.cases.noAssignee"),
          data.dueAt && t("verification.cases.due", { time: formatDateTime(data.dueAt, i18n.language) }),
        ]
          .filter(Boolean)
          .join(" · ")}
      </Text>
      {data.mergedIntoId && (
        <Alert color="gray" mb="md">
          {t("verification.cases.case.mergedInto")}{" "}
          <Anchor component={Link} to={`/verification/cases/${data.mergedIntoId}`}>
            {t("verification.cases.case.openMerged")}
          </Anchor>
        </Alert>
      )}
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg" verticalSpacing="lg">
        <Stack gap="lg">
          {data.canManage && data.status !== "merged" ? (
            <TriageForm key={`${data.id}-${data.timeline.length}`} detail={data} />
          ) : (
            <Text size="sm" c="dimmed">
              {t("verification.cases.case.readOnly")}
            </Text>
          )}
          {data.claimText && data.claimText !== data.title && (
            <Card withBorder padding="sm">
              <Text size="xs" c="dimmed">
                {t("verification.cases.case.claim")}
              </Text>
              <Text size="sm" style={{ whiteSpace: "pre-line", overflowWrap: "anywhere" }}>
                {data.claimText}
              </Text>
            </Card>
          )}
          <CaseSuggestions detail={data} />
          <CaseTips detail={data} />
          <CaseEvidence detail={data} />
        </Stack>
        <Stack gap="lg">
          <VerdictPanel caseId={data.id} />
          <CaseChecklist detail={data} />
          <CaseIndicators caseId={data.id} />
          <CaseTimeline detail={data} />
        </Stack>
      </SimpleGrid>
    </>
  );
}

/** Title, category, urgency, due time and assignee, saved together; only what changed is sent. */
function TriageForm({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const initial = {
    title: detail.title,
    category: detail.category ?? "",
    urgency: detail.urgency as string,
    due: vietnamLocal(detail.dueAt),
    assigneeId: detail.assignee?.id ?? "",
  };
  const [form, setForm] = useState(initial);
  const [tried, setTried] = useState(false);
  const invalid = useFirstInvalidField();
  const missing = useMissingField();
  const save = useMutation({
    mutationFn: () => {
      const body: Parameters<typeof api<"PATCH", "/api/cases/:id">>[2]["body"] = {};
      if (form.title.trim() && form.title.trim() !== detail.title) {
        body.title = form.title.trim();
      }
      if (form.category && form.category !== initial.category) {
        body.category = form.category as (typeof caseCategoryValues)[number];
      }
      if (form.urgency !== initial.urgency) {
        body.urgency = form.urgency as (typeof caseUrgencyValues)[number];
      }
      if (form.due !== initial.due) {
        body.dueAt = form.due ? vietnamLocalToIso(form.due) : null;
      }
      if (form.assigneeId !== initial.assigneeId) {
        body.assigneeId = form.assigneeId || null;
      }
      return api("PATCH", "/api/cases/:id", { params: { id: detail.id }, body });
    },
    onSuccess: (updated) => client.setQueryData(caseKey(detail.id), updated),
  });
  const changed = JSON.stringify(form) !== JSON.stringify(initial);
  const set = (key: keyof typeof form) => (value: string | null) =>
    setForm((current) => ({ ...current, [key]: value ?? "" }));
  return (
    <Card withBorder padding="sm" data-testid="triage">
      <form
        ref={invalid.formRef}
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          setTried(true);
          // An emptied title would otherwise be left out of the change without a word.
          if (form.title.trim()) {
            save.mutate();
          }
          invalid.afterSubmit();
        }}
        onChange={invalid.afterInput}
      >
        <Stack gap="xs">
          <Title order={2} size="h4">
            {t("verification.cases.case.triage")}
          </Title>
          <TextInput
            label={t("verification.cases.case.titleField")}
            value={form.title}
            maxLength={300}
            required
            onChange={(event) => set("title")(event.currentTarget.value)}
            error={
              tried && !form.title.trim() ? missing.fill(t("verification.cases.case.titleField")) : undefined
            }
          />
          <Select
            label={t("verification.cases.case.categoryField")}
            value={form.category || null}
            placeholder={t("verification.cases.filters.noCategory")}
            data={caseCategoryValues.map((value) => ({
              value,
              label: t(`verification.cases.category.${value}`),
            }))}
            onChange={set("category")}
          />
          <Select
            label={t("verification.cases.case.urgencyField")}
            value={form.urgency}
            allowDeselect={false}
            data={caseUrgencyValues.map((value) => ({
              value,
              label: t(`verification.cases.urgency.${value}`),
            }))}
            onChange={set("urgency")}
          />
          <DateTimeField
            label={t("verification.cases.case.dueField")}
            value={form.due}
            onChange={set("due")}
          />
          <Select
            label={t("verification.cases.case.assigneeField")}
            value={form.assigneeId || null}
            placeholder={t("verification.cases.noAssignee")}
            clearable
            searchable
            data={detail.assignees.map((person) => ({ value: person.id, label: person.fullName }))}
            onChange={set("assigneeId")}
          />
          <InvalidFieldNotice message={invalid.message} />
          <FormError error={save.error} />
          <Group>
            <Button type="submit" disabled={!changed} loading={save.isPending}>
              {t("verification.cases.case.save")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
