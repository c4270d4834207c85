import { Badge, Button, Card, Group, Stack, Text, Textarea, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { ResponseOf } from "../../../backend/typed-client.ts";
import { api } from "../../../backend/typed-client.ts";
import { ConfirmDialog } from "../../../components/confirm-dialog.tsx";
import { FormDialog } from "../../../components/form-dialog.tsx";
import { PlusIcon } from "../../../components/icons.tsx";
import { EmptyBlock, ErrorBlock, LoadingBlock } from "../../../components/state-blocks.tsx";

type CannedReply = ResponseOf<"GET", "/api/inbox/canned-replies">["items"][number];
const shortcutPattern = /^[\p{L}\p{N}_-]{1,30}$/u;

/** The unit's canned replies: shortcut, title and text with {ten} and {don_vi}; added, edited, removed. */
export function CannedRepliesPanel({ unitId }: { unitId: string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const key = ["inbox", "canned-replies", unitId];
  const list = useQuery({
    queryKey: key,
    queryFn: () => api("GET", "/api/inbox/canned-replies", { query: { unitId } }),
  });
  const [editing, setEditing] = useState<CannedReply | "new" | null>(null);
  const [removing, setRemoving] = useState<CannedReply | null>(null);
  const remove = useMutation({
    mutationFn: (id: string) => api("DELETE", "/api/inbox/canned-replies/:id", { params: { id } }),
    onSuccess: async () => {
      notifications.show({ color: "green", message: t("inbox.targets.canned.removed") });
      setRemoving(null);
      await client.invalidateQueries({ queryKey: ["inbox", "canned-replies"] });
    },
  });
  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        {t("inbox.targets.canned.explain")}
      </Text>
      <Group>
        <Button leftSection={<PlusIcon size={16} />} onClick={() => setEditing("new")}>
          {t("inbox.targets.canned.add")}
        </Button>
      </Group>
      {list.isPending && <LoadingBlock />}
      {list.isError && <ErrorBlock error={list.error} onRetry={() => void list.refetch()} />}
      {list.data && list.data.items.length === 0 && <EmptyBlock title={t("inbox.targets.canned.empty")} />}
      {list.data?.items.map((reply) => (
        <Card key={reply.id} withBorder padding="sm" data-testid="canned-reply">
          <Stack gap={4}>
            <Group justify="space-between" gap="xs">
              <Group gap="xs">
                <Badge variant="light" tt="none" ff="monospace">
                  /{reply.shortcut}
                </Badge>
                <Text fw={600} size="sm" style={{ overflowWrap: "anywhere" }}>
                  {reply.title}
                </Text>
                {reply.unitId !== unitId && (
                  <Badge size="xs" variant="light" color="gray" tt="none">
                    {t("inbox.targets.canned.inherited")}
                  </Badge>
                )}
              </Group>
              {reply.canEdit && (
                <Group gap={4}>
                  <Button size="xs" variant="default" onClick={() => setEditing(reply)}>
                    {t("inbox.targets.canned.edit")}
                  </Button>
                  <Button size="xs" variant="subtle" color="red" onClick={() => setRemoving(reply)}>
                    {t("inbox.targets.canned.remove")}
                  </Button>
                </Group>
              )}
            </Group>
            <Text size="sm" c="dimmed" style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>
              {reply.body}
            </Text>
          </Stack>
        </Card>
      ))}
      {editing && (
        <CannedReplyDialog
          unitId={unitId}
          reply={editing === "new" ? null : editing}
          onClose={() => setEditing(null)}
        />
      )}
      {removing && (
        <ConfirmDialog
          opened
          title={t("inbox.targets.canned.removeTitle", { title: removing.title })}
          confirmLabel={t("inbox.targets.canned.remove")}
          loading={remove.isPending}
          error={remove.error}
          onConfirm={() => remove.mutate(removing.id)}
          onClose={() => setRemoving(null)}
        >
          <Text size="sm">{t("inbox.targets.canned.removeConfirm")}</Text>
        </ConfirmDialog>
      )}
    </Stack>
  );
}

function CannedReplyDialog({
  unitId,
  reply,
  onClose,
}: {
  unitId: string;
  reply: CannedReply | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [shortcut, setShortcut] = useState(reply?.shortcut ?? "");
  const [title, setTitle] = useState(reply?.title ?? "");
  const [body, setBody] = useState(reply?.body ?? "");
  const [tried, setTried] = useState(false);
  const save = useMutation({
    mutationFn: () => {
      const input = {
        unitId: reply?.unitId ?? unitId,
        shortcut: shortcut.trim(),
        title: title.trim(),
        body: body.trim(),
      };
      return reply
        ? api("PUT", "/api/inbox/canned-replies/:id", { params: { id: reply.id }, body: input })
        : api("POST", "/api/inbox/canned-replies", { body: input });
    },
    onSuccess: async () => {
      notifications.show({ color: "green", message: t("inbox.targets.canned.saved") });
      await client.invalidateQueries({ queryKey: ["inbox", "canned-replies"] });
      onClose();
    },
  });
  const shortcutOk = shortcutPattern.test(shortcut.trim());
  return (
    <FormDialog
      opened
      onClose={onClose}
      title={t(reply ? "inbox.targets.canned.editTitle" : "inbox.targets.canned.addTitle")}
      onSubmit={() => {
        setTried(true);
        if (shortcutOk && title.trim() && body.trim()) {
          save.mutate();
        }
      }}
      submitLabel={t("common.save")}
      loading={save.isPending}
      error={save.error}
      testId="canned-reply-dialog"
      size="lg"
    >
      <TextInput
        label={t("inbox.targets.canned.shortcut")}
        description={t("inbox.targets.canned.shortcutHint")}
        leftSection="/"
        required
        maxLength={30}
        value={shortcut}
        onChange={(event) => setShortcut(event.currentTarget.value)}
        error={tried && !shortcutOk ? t("inbox.targets.canned.shortcutBad") : undefined}
      />
      <TextInput
        label={t("inbox.targets.canned.titleField")}
        required
        maxLength={120}
        value={title}
        onChange={(event) => setTitle(event.currentTarget.value)}
        error={tried && !title.trim() ? t("inbox.targets.canned.fillTitle") : undefined}
      />
      <Textarea
        label={t("inbox.targets.canned.body")}
        description={t("inbox.targets.canned.bodyHint")}
        required
        autosize
        minRows={4}
        maxLength={2000}
        value={body}
        onChange={(event) => setBody(event.currentTarget.value)}
        error={tried && !body.trim() ? t("inbox.targets.canned.fillBody") : undefined}
      />
    </FormDialog>
  );
}
