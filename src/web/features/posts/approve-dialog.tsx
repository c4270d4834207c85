import { Text, Textarea } from "@mantine/core";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { FormDialog } from "../../components/form-dialog.tsx";

/**
 * Approving is asked once more, naming the channel and what happens next (scheduling, or posting by
 * hand on a channel that is not connected), and may carry a comment for the author.
 */
export function ApproveDialog(props: {
  opened: boolean;
  second: boolean;
  channel: string;
  /** The channel cannot be published to automatically, so approval leads to posting by hand. */
  byHandOnly: boolean;
  loading: boolean;
  error: unknown;
  onClose: () => void;
  onConfirm: (comment: string | undefined) => void;
}) {
  const { t } = useTranslation();
  const [comment, setComment] = useState("");
  useEffect(() => {
    if (props.opened) {
      setComment("");
    }
  }, [props.opened]);
  const action = props.second ? t("posts.actions.approveSecond") : t("posts.actions.approve");
  return (
    <FormDialog
      opened={props.opened}
      onClose={props.onClose}
      title={t("approvals.confirmTitle")}
      testId="approve-dialog"
      onSubmit={() => props.onConfirm(comment.trim() || undefined)}
      submitLabel={action}
      submitColor="green"
      submitTestId="approve-confirm"
      loading={props.loading}
      error={props.error}
    >
      <Text size="sm">
        {props.second
          ? t("approvals.confirmSecond", { channel: props.channel })
          : t("approvals.confirmBody", { channel: props.channel })}{" "}
        {props.byHandOnly ? t("approvals.afterApprovalByHand") : t("approvals.afterApproval")}
      </Text>
      <Textarea
        label={t("approvals.comment")}
        description={t("approvals.commentHint")}
        autosize
        minRows={2}
        maxLength={2000}
        value={comment}
        onChange={(event) => setComment(event.currentTarget.value)}
        data-testid="approve-comment"
        data-autofocus
      />
    </FormDialog>
  );
}
