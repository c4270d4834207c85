import { Button, Group, Text } from "@mantine/core";
import type { ReactNode } from "react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { VariantDetail } from "../../backend/types.ts";
import { ConfirmDialog } from "../../components/confirm-dialog.tsx";
import { FormError } from "../../components/state-blocks.tsx";
import { ApproveDialog } from "./approve-dialog.tsx";
import { ScheduleBlockedNotice, useBlockedConnection } from "./channel-connection.tsx";
import { targetRules, useVariantAction, type VariantAction } from "./posts-api.ts";
import { ByHandDialog, RejectDialog, ScheduleDialog } from "./variant-dialogs.tsx";

/** Nothing more is scheduled for a variant that went out (or is going out). */
const isDone = (status: VariantDetail["status"]) => status === "published" || status === "publishing";

type Dialog = "approve" | "reject" | "schedule" | "byHand" | "publishNow" | null;

/**
 * The steps a variant's status allows this person (submit, approve, return, schedule, publish),
 * with the dialogs that ask for a reason, a time or an address first. A failed step without a
 * dialog shows its error under the buttons; a dialog shows its own.
 */
export function VariantActions({
  variant,
  mayWrite,
  dirty,
}: {
  variant: VariantDetail;
  mayWrite: boolean;
  /** Unsaved edits hold back submitting, so that what is reviewed is what was saved. */
  dirty: boolean;
}) {
  const { t } = useTranslation();
  const rules = targetRules[variant.target];
  // A channel the scheduler cannot publish to: scheduling is refused, posting by hand stays open.
  const blocked = useBlockedConnection(variant.channelId);
  const [dialog, setDialog] = useState<Dialog>(null);
  const action = useVariantAction(variant.id);
  const run = (next: VariantAction) =>
    action.mutate(next, {
      onSuccess: () => setDialog(null),
    });
  const openDialog = (next: Dialog) => {
    action.reset();
    setDialog(next);
  };
  const actionError = dialog === null ? action.error : null;

  const buttons: ReactNode[] = [];
  if (variant.canSubmit && variant.status === "draft") {
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
  if (variant.canApprove) {
    buttons.push(
      <Button key="approve" color="green" onClick={() => openDialog("approve")} data-testid="variant-approve">
        {variant.approvals.length > 0 ? t("posts.actions.approveSecond") : t("posts.actions.approve")}
      </Button>,
    );
  }
  if (variant.canReject) {
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
  if (variant.canSchedule && (variant.status === "approved" || variant.status === "scheduled")) {
    buttons.push(
      <Button
        key="schedule"
        onClick={() => openDialog("schedule")}
        disabled={blocked !== null}
        data-testid="variant-schedule"
      >
        {variant.status === "scheduled" ? t("posts.actions.reschedule") : t("posts.actions.schedule")}
      </Button>,
    );
  }
  if (
    variant.canSchedule &&
    (variant.status === "approved" || variant.status === "scheduled") &&
    !rules.byHand
  ) {
    buttons.push(
      <Button
        key="now"
        variant="light"
        onClick={() => openDialog("publishNow")}
        disabled={blocked !== null}
        data-testid="variant-publish-now"
      >
        {t("posts.actions.publishNow")}
      </Button>,
    );
  }
  if (variant.canSchedule && variant.status === "failed" && !rules.byHand) {
    buttons.push(
      <Button
        key="retry"
        onClick={() => openDialog("publishNow")}
        disabled={blocked !== null}
        data-testid="variant-retry"
      >
        {t("posts.actions.retry")}
      </Button>,
    );
  }
  if (variant.canUnschedule) {
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
  if (mayWrite && (rules.byHand || blocked) && ["approved", "scheduled", "failed"].includes(variant.status)) {
    buttons.push(
      <Button key="byHand" variant="light" onClick={() => openDialog("byHand")} data-testid="variant-by-hand">
        {t("posts.actions.byHand")}
      </Button>,
    );
  }

  return (
    <>
      {buttons.length > 0 && (
        <Group gap="xs" data-testid="variant-actions">
          {buttons}
        </Group>
      )}
      {dirty && variant.status === "draft" && mayWrite && (
        <Text size="xs" c="dimmed">
          {t("posts.variant.saveBeforeSubmit")}
        </Text>
      )}
      {blocked && !isDone(variant.status) && (
        <ScheduleBlockedNotice state={blocked} channelId={variant.channelId} />
      )}
      <FormError error={actionError} />
      <ApproveDialog
        opened={dialog === "approve"}
        second={variant.approvals.length > 0}
        channel={
          variant.channel.displayName
            ? `${t(`posts.target.${variant.target}`)} “${variant.channel.displayName}”`
            : t(`posts.target.${variant.target}`)
        }
        byHandOnly={blocked !== null}
        loading={action.isPending}
        error={action.error}
        onClose={() => setDialog(null)}
        onConfirm={(comment) => run({ kind: "approve", ...(comment ? { comment } : {}) })}
      />
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
    </>
  );
}
