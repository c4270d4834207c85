import { Alert, Anchor, Box, Group, List, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { inLanguage } from "../../../shared/bilingual.ts";
import type { VariantDetail } from "../../backend/types.ts";
import { ExternalLinkIcon } from "../../components/icons.tsx";
import { formatDateTime } from "../../i18n/format.ts";
import { TargetBadge, VariantStatusBadge } from "./post-badges.tsx";

/** The channel a variant goes to, with its platform and status. */
export function VariantHeader({ variant }: { variant: VariantDetail }) {
  return (
    <Group justify="space-between" gap="xs" align="flex-start">
      <Box style={{ minWidth: 0 }}>
        <Title order={3} size="h5" style={{ overflowWrap: "anywhere" }}>
          {variant.channel.displayName}
        </Title>
        {variant.channel.url && (
          <Anchor
            href={variant.channel.url}
            target="_blank"
            rel="noopener noreferrer"
            size="xs"
            style={{ overflowWrap: "anywhere" }}
          >
            {variant.channel.url}
          </Anchor>
        )}
      </Box>
      <Group gap={6}>
        <TargetBadge target={variant.target} />
        <VariantStatusBadge status={variant.status} size="md" />
      </Group>
    </Group>
  );
}

/** What the status means now: when it goes out, where it went, why it failed or was returned. */
export function VariantStatusNotes({ variant }: { variant: VariantDetail }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  return (
    <>
      {variant.status === "scheduled" && variant.scheduledAt && (
        <Text size="sm" data-testid="variant-scheduled-at">
          {t("posts.variant.scheduledAt", { at: formatDateTime(variant.scheduledAt, language) })}
        </Text>
      )}
      {variant.status === "publishing" && <Text size="sm">{t("posts.variant.publishing")}</Text>}
      {variant.status === "published" && (
        <Alert
          color="green"
          variant="light"
          title={t("posts.variant.published", { at: formatDateTime(variant.publishedAt, language) })}
        >
          {variant.externalUrl && (
            <Anchor
              href={variant.externalUrl}
              target="_blank"
              rel="noopener noreferrer"
              size="sm"
              style={{ overflowWrap: "anywhere" }}
            >
              <Group gap={4} wrap="nowrap" component="span">
                <ExternalLinkIcon size={14} />
                {variant.externalUrl}
              </Group>
            </Anchor>
          )}
        </Alert>
      )}
      {variant.status === "failed" && variant.failure && (
        <Alert
          color="red"
          variant="light"
          title={t("posts.variant.failed", { at: formatDateTime(variant.failure.at, language) })}
          data-testid="variant-failure"
        >
          <Text size="sm" style={{ overflowWrap: "anywhere" }}>
            {inLanguage(variant.failure.message, language)}
          </Text>
          <Text size="xs" c="dimmed">
            {variant.failure.needsPerson ? t("posts.variant.needsPerson") : t("posts.variant.transient")}
          </Text>
        </Alert>
      )}
      {variant.lastRejection && variant.status === "draft" && (
        <Alert
          color="orange"
          variant="light"
          title={t("posts.variant.rejected", {
            name: variant.lastRejection.byName,
            at: formatDateTime(variant.lastRejection.at, language),
          })}
          data-testid="variant-rejection"
        >
          <Text size="sm" style={{ overflowWrap: "anywhere" }}>
            {variant.lastRejection.reason}
          </Text>
        </Alert>
      )}
    </>
  );
}

/** Who approved the variant, and whether a second approval is still needed. */
export function VariantApprovals({ variant, needsSecond }: { variant: VariantDetail; needsSecond: boolean }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  return (
    <Box>
      <Text size="sm" fw={600}>
        {t("posts.variant.approvals")}
      </Text>
      {variant.approvals.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t("posts.variant.noApprovals")}
        </Text>
      ) : (
        <List size="sm" spacing={2} data-testid="variant-approvals">
          {variant.approvals.map((approval) => (
            <List.Item key={`${approval.level}-${approval.approver.id}`}>
              {t("posts.variant.approvalLine", {
                level: approval.level,
                name: approval.approver.fullName,
                at: formatDateTime(approval.at, language),
              })}
              {approval.comment ? (
                <Text
                  size="sm"
                  c="dimmed"
                  style={{ overflowWrap: "anywhere" }}
                  data-testid="approval-comment"
                >
                  {t("posts.variant.approvalComment", { comment: approval.comment })}
                </Text>
              ) : null}
            </List.Item>
          ))}
        </List>
      )}
      {needsSecond && (
        <Text
          size="sm"
          c={variant.approvals.length === 1 ? "orange.8" : "dimmed"}
          data-testid="variant-needs-second"
        >
          {variant.approvals.length === 1 && variant.status === "in_review"
            ? t("posts.variant.needsSecond")
            : t("posts.variant.twoNeeded")}
        </Text>
      )}
    </Box>
  );
}
