import {
  Alert,
  Anchor,
  Box,
  Button,
  Collapse,
  Divider,
  Group,
  List,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../backend/client.ts";
import type {
  PostDetail,
  UpdateVariantBody,
  Variant,
  VariantDetail,
  VariantProblem,
} from "../../backend/types.ts";
import { ConfirmDialog } from "../../components/confirm-dialog.tsx";
import { ChevronDownIcon, ChevronRightIcon, ExternalLinkIcon } from "../../components/icons.tsx";
import { FormError } from "../../components/state-blocks.tsx";
import { formatDateTime, formatNumber } from "../../i18n/format.ts";
import { MediaField } from "./media-field.tsx";
import { TargetBadge, VariantStatusBadge } from "./post-badges.tsx";
import {
  charCount,
  isArticleTarget,
  postKeys,
  targetRules,
  useVariantAction,
  type VariantAction,
} from "./posts-api.ts";
import { RichTextField } from "./rich-text-field.tsx";
import { ByHandDialog, RejectDialog, ScheduleDialog } from "./variant-dialogs.tsx";
import { VariantHistory } from "./variant-history.tsx";

type Dialog = "reject" | "schedule" | "byHand" | "publishNow" | null;

function problemText(problems: VariantProblem[], field: VariantProblem["field"], language: string) {
  const found = problems.filter((problem) => problem.field === field);
  if (found.length === 0) {
    return undefined;
  }
  return found.map((problem) => (language === "en" ? problem.en : problem.vi)).join(" ");
}

/** A live count against the platform's limit, red once over it. */
function Counter({ text, max }: { text: string; max: number }) {
  const { t, i18n } = useTranslation();
  const n = charCount(text);
  return (
    <Text
      size="xs"
      c={n > max ? "red.7" : "dimmed"}
      ta="right"
      aria-live="polite"
      data-testid="variant-body-count"
    >
      {t("posts.variant.count", { n: formatNumber(n, i18n.language), max: formatNumber(max, i18n.language) })}
    </Text>
  );
}

/**
 * One channel's version of a post: its own text and media checked against the platform, its
 * approvals, and the actions its status allows to this person.
 */
export function VariantPanel(props: {
  post: PostDetail;
  variant: VariantDetail;
  unit: { id: string; path: string; name: string };
  mayWrite: boolean;
}) {
  const { post, variant } = props;
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const rules = targetRules[variant.target];
  const article = isArticleTarget(variant.target);
  const locked = variant.status === "publishing" || variant.status === "published";
  const editable = props.mayWrite && !locked;
  const [title, setTitle] = useState(variant.title ?? "");
  const [body, setBody] = useState(variant.body);
  const [linkUrl, setLinkUrl] = useState(variant.linkUrl ?? "");
  const [mediaIds, setMediaIds] = useState(variant.mediaIds);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [historyOpen, { toggle: toggleHistory }] = useDisclosure(false);
  const dirty =
    title !== (variant.title ?? "") ||
    body !== variant.body ||
    linkUrl !== (variant.linkUrl ?? "") ||
    mediaIds.join() !== variant.mediaIds.join();

  const save = useMutation({
    mutationFn: () => {
      const changes: UpdateVariantBody = { body, mediaIds };
      if (rules.title) {
        changes.title = title.trim() || null;
      }
      if (rules.link) {
        changes.linkUrl = linkUrl.trim() || null;
      }
      return api<Variant>("PATCH", `/api/variants/${variant.id}`, changes);
    },
    onSuccess: () => client.invalidateQueries({ queryKey: postKeys.all }),
  });
  const action = useVariantAction(variant.id);
  const run = (next: VariantAction) =>
    action.mutate(next, {
      onSuccess: () => setDialog(null),
    });
  const openDialog = (next: Dialog) => {
    action.reset();
    setDialog(next);
  };

  const problems = variant.problems;
  const language = i18n.language;
  const mayApprove = post.canApprove;
  const needsSecond = post.approvalsNeeded === 2;
  const actionError = dialog === null ? action.error : null;

  const buttons: React.ReactNode[] = [];
  if (props.mayWrite && variant.status === "draft") {
    buttons.push(
      <Button
        key="submit"
        onClick={() => run({ kind: "submit" })}
        loading={action.isPending && action.variables?.kind === "submit"}
        disabled={dirty}
        data-testid="variant-submit"
      >
        {t("posts.actions.submit")}
      </Button>,
    );
  }
  if (mayApprove && variant.status === "in_review") {
    buttons.push(
      <Button
        key="approve"
        color="green"
        onClick={() => run({ kind: "approve" })}
        loading={action.isPending && action.variables?.kind === "approve"}
        data-testid="variant-approve"
      >
        {variant.approvals.length > 0 ? t("posts.actions.approveSecond") : t("posts.actions.approve")}
      </Button>,
    );
  }
  if (mayApprove && ["in_review", "approved", "scheduled", "failed"].includes(variant.status)) {
    buttons.push(
      <Button
        key="reject"
        variant="light"
        color="red"
        onClick={() => openDialog("reject")}
        data-testid="variant-reject"
      >
        {t("posts.actions.reject")}
      </Button>,
    );
  }
  if (props.mayWrite && (variant.status === "approved" || variant.status === "scheduled")) {
    buttons.push(
      <Button key="schedule" onClick={() => openDialog("schedule")} data-testid="variant-schedule">
        {variant.status === "scheduled" ? t("posts.actions.reschedule") : t("posts.actions.schedule")}
      </Button>,
    );
  }
  if (props.mayWrite && (variant.status === "approved" || variant.status === "scheduled") && !rules.byHand) {
    buttons.push(
      <Button
        key="now"
        variant="light"
        onClick={() => openDialog("publishNow")}
        data-testid="variant-publish-now"
      >
        {t("posts.actions.publishNow")}
      </Button>,
    );
  }
  if (props.mayWrite && variant.status === "failed" && !rules.byHand) {
    buttons.push(
      <Button key="retry" onClick={() => openDialog("publishNow")} data-testid="variant-retry">
        {t("posts.actions.retry")}
      </Button>,
    );
  }
  if (props.mayWrite && (variant.status === "scheduled" || variant.status === "failed")) {
    buttons.push(
      <Button
        key="unschedule"
        variant="default"
        onClick={() => run({ kind: "unschedule" })}
        loading={action.isPending && action.variables?.kind === "unschedule"}
        data-testid="variant-unschedule"
      >
        {variant.status === "failed" ? t("posts.actions.backToApproved") : t("posts.actions.unschedule")}
      </Button>,
    );
  }
  if (props.mayWrite && rules.byHand && ["approved", "scheduled", "failed"].includes(variant.status)) {
    buttons.push(
      <Button key="byHand" variant="light" onClick={() => openDialog("byHand")} data-testid="variant-by-hand">
        {t("posts.actions.byHand")}
      </Button>,
    );
  }

  return (
    <Stack gap="sm" data-testid="variant-panel" data-target={variant.target} data-status={variant.status}>
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
            {variant.failure.message}
          </Text>
          <Text size="xs" c="dimmed">
            {variant.failure.needsPerson ? t("posts.variant.needsPerson") : t("posts.variant.transient")} ·{" "}
            {variant.failure.code}
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

      {buttons.length > 0 && (
        <Group gap="xs" data-testid="variant-actions">
          {buttons}
        </Group>
      )}
      {dirty && variant.status === "draft" && props.mayWrite && (
        <Text size="xs" c="dimmed">
          {t("posts.variant.saveBeforeSubmit")}
        </Text>
      )}
      <FormError error={actionError} />

      <Divider />

      {problems.length > 0 && !locked && (
        <Alert
          color="yellow"
          variant="light"
          title={t("posts.variant.problemsTitle")}
          data-testid="variant-problems"
        >
          <List size="sm" spacing={2}>
            {problems.map((problem) => (
              <List.Item key={problem.code}>{language === "en" ? problem.en : problem.vi}</List.Item>
            ))}
          </List>
          {dirty && (
            <Text size="xs" c="dimmed" mt={4}>
              {t("posts.variant.problemsOfSaved")}
            </Text>
          )}
        </Alert>
      )}

      {rules.title && (
        <TextInput
          label={t("posts.variant.title")}
          value={title}
          onChange={(event) => setTitle(event.currentTarget.value)}
          readOnly={!editable}
          maxLength={300}
          error={problemText(problems, "title", language)}
          description={
            rules.titleMax
              ? t("posts.variant.titleMax", { n: charCount(title), max: rules.titleMax })
              : undefined
          }
          data-testid="variant-title"
        />
      )}
      {article ? (
        <RichTextField
          key={`${variant.id}-${variant.contentVersion}`}
          label={t("posts.variant.body")}
          value={variant.body}
          onChange={setBody}
          readOnly={!editable}
          error={problemText(problems, "body", language)}
          data-testid="variant-body"
        />
      ) : (
        <Box>
          <Textarea
            label={t("posts.variant.text")}
            description={t("posts.variant.plainHint")}
            value={body}
            onChange={(event) => setBody(event.currentTarget.value)}
            readOnly={!editable}
            autosize
            minRows={4}
            maxRows={16}
            error={problemText(problems, "body", language)}
            data-testid="variant-body"
          />
          <Counter text={body} max={rules.bodyMax} />
        </Box>
      )}
      {rules.link && (
        <TextInput
          type="url"
          label={t("posts.variant.link")}
          placeholder="https://"
          value={linkUrl}
          onChange={(event) => setLinkUrl(event.currentTarget.value)}
          readOnly={!editable}
          error={problemText(problems, "linkUrl", language)}
          data-testid="variant-link"
        />
      )}
      <MediaField
        label={t("posts.variant.media")}
        unit={props.unit}
        value={mediaIds}
        onChange={setMediaIds}
        kind={rules.media.kind}
        max={rules.media.max}
        disabled={!editable}
        error={problemText(problems, "media", language)}
        data-testid="variant-media"
      />
      {editable && (
        <Stack gap={4}>
          {variant.status !== "draft" && dirty && (
            <Text size="sm" c="orange.8">
              {t("posts.variant.backToDraft")}
            </Text>
          )}
          <FormError error={save.error} />
          <Group>
            <Button
              variant={dirty ? "filled" : "default"}
              disabled={!dirty}
              loading={save.isPending}
              onClick={() => save.mutate()}
              data-testid="variant-save"
            >
              {t("posts.variant.save")}
            </Button>
            {dirty && (
              <Button
                variant="subtle"
                color="gray"
                onClick={() => {
                  setTitle(variant.title ?? "");
                  setBody(variant.body);
                  setLinkUrl(variant.linkUrl ?? "");
                  setMediaIds(variant.mediaIds);
                }}
              >
                {t("posts.variant.discard")}
              </Button>
            )}
          </Group>
        </Stack>
      )}

      <Divider />
      <Box>
        <Button
          variant="subtle"
          size="xs"
          px={0}
          onClick={toggleHistory}
          aria-expanded={historyOpen}
          leftSection={historyOpen ? <ChevronDownIcon size={14} /> : <ChevronRightIcon size={14} />}
          data-testid="variant-history-toggle"
        >
          {t("posts.history.title")}
        </Button>
        <Collapse expanded={historyOpen}>
          <Box pt="xs">{historyOpen && <VariantHistory variantId={variant.id} />}</Box>
        </Collapse>
      </Box>

      <RejectDialog
        opened={dialog === "reject"}
        loading={action.isPending}
        error={action.error}
        onClose={() => setDialog(null)}
        onConfirm={(reason) => run({ kind: "reject", reason })}
      />
      <ScheduleDialog
        opened={dialog === "schedule"}
        loading={action.isPending}
        error={action.error}
        current={variant.scheduledAt}
        onClose={() => setDialog(null)}
        onConfirm={(at) => run({ kind: "schedule", at })}
      />
      <ByHandDialog
        opened={dialog === "byHand"}
        loading={action.isPending}
        error={action.error}
        onClose={() => setDialog(null)}
        onConfirm={(externalUrl) => run({ kind: "published-by-hand", externalUrl })}
      />
      <ConfirmDialog
        opened={dialog === "publishNow"}
        title={variant.status === "failed" ? t("posts.actions.retry") : t("posts.actions.publishNow")}
        confirmLabel={variant.status === "failed" ? t("posts.actions.retry") : t("posts.actions.publishNow")}
        color="blue"
        loading={action.isPending}
        error={action.error}
        onClose={() => setDialog(null)}
        onConfirm={() => run({ kind: "publish-now" })}
      >
        <Text size="sm">{t("posts.publishNow.explain", { channel: variant.channel.displayName })}</Text>
      </ConfirmDialog>
    </Stack>
  );
}
