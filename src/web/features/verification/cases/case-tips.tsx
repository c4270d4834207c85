import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Image,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { api } from "../../../backend/typed-client.ts";
import { ConfirmDialog } from "../../../components/confirm-dialog.tsx";
import { ErrorBlock } from "../../../components/state-blocks.tsx";
import { formatDateTime, formatPercent } from "../../../i18n/format.ts";
import { type CaseDetail, caseKey, fileUrl } from "./case-api.ts";

type CaseFile = CaseDetail["tips"][number]["files"][number];

/** A screenshot (or archive copy) with what OCR made of it. */
export function FileThumb({ caseId, file, label }: { caseId: string; file: CaseFile; label: string }) {
  const { t } = useTranslation();
  const href = fileUrl(caseId, file.id);
  return (
    <Stack gap={4}>
      {file.mimeType.startsWith("image/") ? (
        <Anchor href={href} target="_blank" rel="noopener">
          <Image src={href} alt={label} radius="sm" fit="contain" mah={220} bg="gray.1" />
        </Anchor>
      ) : (
        <Anchor href={href} target="_blank" rel="noopener" size="sm">
          {file.fileName ?? label} (PDF)
        </Anchor>
      )}
      {file.mimeType.startsWith("image/") && (
        <Text
          size="xs"
          c={file.ocrStatus === "failed" || file.ocrStatus === "unavailable" ? "orange" : "dimmed"}
        >
          {t(`verification.cases.case.ocrStatus.${file.ocrStatus}`)}
        </Text>
      )}
      {file.ocrText && (
        <Text size="xs" style={{ whiteSpace: "pre-line", overflowWrap: "anywhere" }} lineClamp={6}>
          {t("verification.cases.case.ocrText")}: {file.ocrText}
        </Text>
      )}
    </Stack>
  );
}

/** The tips that asked about the claim: what each reporter sent, never who they are. */
export function CaseTips({ detail }: { detail: CaseDetail }) {
  const { t, i18n } = useTranslation();
  let shot = 0;
  return (
    <Stack gap="sm">
      <Title order={2} size="h4">
        {t("verification.cases.case.tips", { count: detail.tips.length })}
      </Title>
      <Text size="sm" c="dimmed">
        {t("verification.cases.case.contacts", detail.contacts)}
      </Text>
      {!detail.ocrAvailable && (
        <Alert color="orange" variant="light" data-testid="ocr-missing">
          {t("verification.cases.case.ocrMissing")}
        </Alert>
      )}
      {detail.tips.map((tip) => (
        <Card key={tip.id} withBorder padding="sm">
          <Stack gap={6}>
            <Group gap={6}>
              <Badge variant="light" tt="none">
                {t(`verification.cases.case.tipSource.${tip.source}`)}
              </Badge>
              {tip.match === "merged" && (
                <Badge variant="outline" color="gray" tt="none">
                  {t("verification.cases.case.tipMerged")}
                </Badge>
              )}
              {tip.hasEmail && (
                <Badge variant="outline" color="teal" tt="none">
                  {t("verification.cases.case.hasEmail")}
                </Badge>
              )}
              <Text size="xs" c="dimmed">
                {formatDateTime(tip.createdAt, i18n.language)}
              </Text>
            </Group>
            <Text size="sm" style={{ whiteSpace: "pre-line", overflowWrap: "anywhere" }}>
              {tip.text || t("verification.cases.case.noText")}
            </Text>
            {tip.url && (
              <Text size="sm" style={{ overflowWrap: "anywhere" }}>
                {tip.url}
              </Text>
            )}
            {tip.files.length > 0 && (
              <SimpleGrid cols={{ base: 2, sm: 3 }}>
                {tip.files.map((file) => {
                  shot += 1;
                  return (
                    <FileThumb
                      key={file.id}
                      caseId={detail.id}
                      file={file}
                      label={t("verification.cases.case.screenshot", { n: shot })}
                    />
                  );
                })}
              </SimpleGrid>
            )}
          </Stack>
        </Card>
      ))}
    </Stack>
  );
}

type Suggestion = CaseDetail["suggestions"][number];

/** Likely duplicates for a checker to merge (after confirming) or dismiss. */
export function CaseSuggestions({ detail }: { detail: CaseDetail }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const navigate = useNavigate();
  const [merging, setMerging] = useState<Suggestion | null>(null);
  const merge = useMutation({
    mutationFn: (suggestion: Suggestion) =>
      api("POST", "/api/cases/:id/merge", {
        params: { id: suggestion.fromCaseId },
        body: { intoCaseId: suggestion.intoCaseId },
      }),
    onSuccess: async (result, suggestion) => {
      setMerging(null);
      await client.invalidateQueries({ queryKey: ["verification"] });
      const mergedTitle = suggestion.fromCaseId === detail.id ? detail.title : suggestion.otherCase.title;
      // The case that was merged away is read-only, so the checker goes on where both tips now are,
      // and is told in words that the merge happened (the page they land on looks much like before).
      notifications.show({
        color: "green",
        message: t("verification.cases.case.mergedHere", { title: mergedTitle }),
      });
      if (result.intoCaseId !== detail.id) {
        navigate(`/verification/cases/${result.intoCaseId}`);
      }
    },
  });
  const dismiss = useMutation({
    mutationFn: (suggestion: Suggestion) =>
      api("POST", "/api/cases/:id/suggestions/:suggestionId/dismiss", {
        params: { id: detail.id, suggestionId: suggestion.id },
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: caseKey(detail.id) }),
  });
  if (detail.suggestions.length === 0) {
    return null;
  }
  const titleOf = (id: string) => (id === detail.id ? detail.title : (merging?.otherCase.title ?? ""));
  return (
    <Stack gap="sm" data-testid="suggestions">
      <Title order={2} size="h4">
        {t("verification.cases.case.suggestions", { count: detail.suggestions.length })}
      </Title>
      {dismiss.error && <ErrorBlock error={dismiss.error} />}
      {detail.suggestions.map((suggestion) => (
        <Card key={suggestion.id} withBorder padding="sm">
          <Stack gap={6}>
            <Anchor
              component={Link}
              to={`/verification/cases/${suggestion.otherCase.id}`}
              fw={600}
              style={{ overflowWrap: "anywhere" }}
            >
              {suggestion.otherCase.title}
            </Anchor>
            <Text size="sm" c="dimmed">
              {t("verification.cases.case.suggestionScore", {
                score: formatPercent(Math.round(suggestion.score * 100), i18n.language),
              })}{" "}
              · {t("verification.cases.demand", { count: suggestion.otherCase.demand })} ·{" "}
              {t(`verification.cases.status.${suggestion.otherCase.status}`)}
            </Text>
            {detail.canManage && (
              <Group gap="xs">
                <Button size="xs" onClick={() => setMerging(suggestion)}>
                  {suggestion.fromCaseId === detail.id
                    ? t("verification.cases.case.mergeThisInto")
                    : t("verification.cases.case.mergeOtherHere")}
                </Button>
                <Button
                  size="xs"
                  variant="default"
                  loading={dismiss.isPending && dismiss.variables?.id === suggestion.id}
                  onClick={() => dismiss.mutate(suggestion)}
                >
                  {t("verification.cases.case.dismiss")}
                </Button>
              </Group>
            )}
          </Stack>
        </Card>
      ))}
      <ConfirmDialog
        opened={merging !== null}
        title={t("verification.cases.case.mergeConfirmTitle")}
        confirmLabel={t("verification.cases.case.merge")}
        color="blue"
        loading={merge.isPending}
        error={merge.error}
        onConfirm={() => merging && merge.mutate(merging)}
        onClose={() => {
          setMerging(null);
          merge.reset();
        }}
      >
        {merging && (
          <Text size="sm">
            {t("verification.cases.case.mergeConfirm", {
              from: titleOf(merging.fromCaseId),
              into: titleOf(merging.intoCaseId),
            })}
          </Text>
        )}
      </ConfirmDialog>
    </Stack>
  );
}
