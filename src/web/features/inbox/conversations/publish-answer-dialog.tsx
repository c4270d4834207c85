import { Alert, Text, Textarea } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../../backend/typed-client.ts";
import { FormDialog } from "../../../components/form-dialog.tsx";
import { type ConversationDetail, conversationKey } from "./inbox-live.ts";

/**
 * Publishes a portal question with its answer on the unit's Hỏi đáp page, never with the asker's
 * name: both texts start from the conversation and may be edited (names or details taken out) first.
 */
export function PublishAnswerDialog({
  detail,
  onClose,
}: {
  detail: ConversationDetail;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const firstQuestion = detail.messages.find((message) => message.direction === "in")?.text ?? "";
  const lastAnswer =
    [...detail.messages].reverse().find((message) => message.direction === "out")?.text ?? "";
  const [question, setQuestion] = useState(firstQuestion);
  const [answer, setAnswer] = useState(lastAnswer);
  const [missing, setMissing] = useState<"question" | "answer" | null>(null);
  const publish = useMutation({
    mutationFn: () =>
      api("POST", "/api/inbox/conversations/:id/publish-answer", {
        params: { id: detail.conversation.id },
        body: { question: question.trim(), answer: answer.trim() },
      }),
    onSuccess: () => void client.invalidateQueries({ queryKey: conversationKey(detail.conversation.id) }),
  });
  return (
    <FormDialog
      opened
      onClose={onClose}
      size="lg"
      title={t("inbox.conversations.publish.title")}
      onSubmit={() => {
        const empty = !question.trim() ? "question" : !answer.trim() ? "answer" : null;
        setMissing(empty);
        if (!empty) {
          publish.mutate();
        }
      }}
      submitLabel={t("inbox.conversations.publish.submit")}
      submitDisabled={publish.isSuccess}
      loading={publish.isPending}
      error={publish.error}
    >
      <Text size="sm">{t("inbox.conversations.publish.explain")}</Text>
      <Textarea
        label={t("inbox.conversations.publish.question")}
        value={question}
        autosize
        minRows={3}
        maxLength={5000}
        onChange={(event) => setQuestion(event.currentTarget.value)}
        error={missing === "question" ? t("inbox.conversations.publish.questionMissing") : undefined}
      />
      <Textarea
        label={t("inbox.conversations.publish.answer")}
        value={answer}
        autosize
        minRows={4}
        maxLength={10_000}
        onChange={(event) => setAnswer(event.currentTarget.value)}
        error={missing === "answer" ? t("inbox.conversations.publish.answerMissing") : undefined}
      />
      {publish.isSuccess && (
        <Alert color="green" role="status">
          {t("inbox.conversations.publish.done")}
        </Alert>
      )}
    </FormDialog>
  );
}
