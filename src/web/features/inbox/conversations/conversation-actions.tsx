import { Button, Group, Menu, Radio, Select, Stack, TagsInput, Text, Textarea } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import type { ConversationStatus, PendingReason } from "../../../../shared/api/inbox-values.ts";
import { api } from "../../../backend/typed-client.ts";
import { ConfirmDialog } from "../../../components/confirm-dialog.tsx";
import { FormDialog } from "../../../components/form-dialog.tsx";
import { ChevronDownIcon, DotsIcon } from "../../../components/icons.tsx";
import { FormError } from "../../../components/state-blocks.tsx";
import { type ConversationDetail, conversationKey, inboxListKey } from "./inbox-live.ts";
import { PublishAnswerDialog } from "./publish-answer-dialog.tsx";

type Dialog = "assign" | "labels" | "escalate" | "erase" | "publish" | null;

/** Take it, hand it on, label it, change its status, escalate it; erase or publish where allowed. */
export function ConversationActions({ detail, myId }: { detail: ConversationDetail; myId: string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const c = detail.conversation;
  const [dialog, setDialog] = useState<Dialog>(null);
  const refresh = () => {
    void client.invalidateQueries({ queryKey: conversationKey(c.id) });
    void client.invalidateQueries({ queryKey: inboxListKey });
  };
  const assign = useMutation({
    mutationFn: (personId: string | null) =>
      api("POST", "/api/inbox/conversations/:id/assign", { params: { id: c.id }, body: { personId } }),
    onSuccess: () => {
      refresh();
      setDialog(null);
    },
  });
  const status = useMutation({
    mutationFn: (body: { status: ConversationStatus; pendingReason?: PendingReason }) =>
      api("POST", "/api/inbox/conversations/:id/status", { params: { id: c.id }, body }),
    onSuccess: refresh,
  });
  if (!c.canReply && !c.canDelete && !c.canPublishAnswer) {
    return null;
  }
  return (
    <Stack gap={6}>
      <Group gap="xs" wrap="wrap">
        {c.canReply && c.assignee?.id !== myId && (
          <Button size="xs" variant="light" loading={assign.isPending} onClick={() => assign.mutate(myId)}>
            {t("inbox.conversations.actions.takeIt")}
          </Button>
        )}
        {c.canReply && c.status !== "resolved" && (
          <Button
            size="xs"
            color="green"
            loading={status.isPending && status.variables?.status === "resolved"}
            onClick={() => status.mutate({ status: "resolved" })}
          >
            {t("inbox.conversations.actions.resolve")}
          </Button>
        )}
        {c.canReply && (
          <Menu position="bottom-start">
            <Menu.Target>
              <Button size="xs" variant="default" rightSection={<ChevronDownIcon size={14} />}>
                {t("inbox.conversations.actions.status")}
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Item
                disabled={c.status === "pending" && c.pendingReason === "citizen"}
                onClick={() => status.mutate({ status: "pending", pendingReason: "citizen" })}
              >
                {t("inbox.conversations.pending.citizen")}
              </Menu.Item>
              <Menu.Item
                disabled={c.status === "pending" && c.pendingReason === "office"}
                onClick={() => status.mutate({ status: "pending", pendingReason: "office" })}
              >
                {t("inbox.conversations.pending.office")}
              </Menu.Item>
              <Menu.Item
                disabled={c.status === "resolved"}
                onClick={() => status.mutate({ status: "resolved" })}
              >
                {t("inbox.conversations.status.resolved")}
              </Menu.Item>
              <Menu.Item disabled={c.status === "open"} onClick={() => status.mutate({ status: "open" })}>
                {t("inbox.conversations.actions.reopen")}
              </Menu.Item>
            </Menu.Dropdown>
          </Menu>
        )}
        <Menu position="bottom-end">
          <Menu.Target>
            <Button size="xs" variant="default" rightSection={<DotsIcon size={14} />}>
              {t("inbox.conversations.actions.more")}
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            {c.canAssign && (
              <Menu.Item onClick={() => setDialog("assign")}>
                {t("inbox.conversations.actions.assign")}
              </Menu.Item>
            )}
            {c.canReply && (
              <Menu.Item onClick={() => setDialog("labels")}>
                {t("inbox.conversations.actions.labels")}
              </Menu.Item>
            )}
            {c.canEscalate && (
              <Menu.Item onClick={() => setDialog("escalate")}>
                {t("inbox.conversations.actions.escalate")}
              </Menu.Item>
            )}
            {c.canPublishAnswer && (
              <Menu.Item onClick={() => setDialog("publish")}>
                {t("inbox.conversations.actions.publish")}
              </Menu.Item>
            )}
            {c.canDelete && (
              <Menu.Item color="red" onClick={() => setDialog("erase")}>
                {t("inbox.conversations.actions.erase")}
              </Menu.Item>
            )}
          </Menu.Dropdown>
        </Menu>
      </Group>
      <FormError error={status.error ?? (dialog === "assign" ? null : assign.error)} />
      {dialog === "assign" && (
        <AssignDialog detail={detail} mutation={assign} onClose={() => setDialog(null)} />
      )}
      {dialog === "labels" && (
        <LabelsDialog detail={detail} onDone={refresh} onClose={() => setDialog(null)} />
      )}
      {dialog === "escalate" && (
        <EscalateDialog detail={detail} onDone={refresh} onClose={() => setDialog(null)} />
      )}
      {dialog === "erase" && <EraseDialog detail={detail} onClose={() => setDialog(null)} />}
      {dialog === "publish" && <PublishAnswerDialog detail={detail} onClose={() => setDialog(null)} />}
    </Stack>
  );
}

/** The people who may work the conversation (inbox.read on its unit), for assigning and @mentions. */
export function useConversationPeople(conversationId: string, enabled = true) {
  return useQuery({
    queryKey: ["inbox", "people", conversationId],
    queryFn: () => api("GET", "/api/inbox/conversations/:id/people", { params: { id: conversationId } }),
    enabled,
    staleTime: 60_000,
  });
}

function AssignDialog({
  detail,
  mutation,
  onClose,
}: {
  detail: ConversationDetail;
  mutation: { mutate: (personId: string | null) => void; isPending: boolean; error: unknown };
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const people = useConversationPeople(detail.conversation.id);
  const [personId, setPersonId] = useState<string | null>(detail.conversation.assignee?.id ?? null);
  return (
    <FormDialog
      opened
      onClose={onClose}
      title={t("inbox.conversations.actions.assign")}
      onSubmit={() => mutation.mutate(personId)}
      submitLabel={t("inbox.conversations.actions.save")}
      loading={mutation.isPending}
      error={mutation.error ?? people.error}
    >
      <Select
        label={t("inbox.conversations.actions.assignee")}
        placeholder={t("inbox.conversations.noAssignee")}
        searchable
        clearable
        data={(people.data?.items ?? []).map((person) => ({ value: person.id, label: person.fullName }))}
        value={personId}
        onChange={setPersonId}
        nothingFoundMessage={t("inbox.conversations.actions.nobodyFound")}
      />
    </FormDialog>
  );
}

function LabelsDialog({
  detail,
  onDone,
  onClose,
}: {
  detail: ConversationDetail;
  onDone: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [labels, setLabels] = useState<string[]>(detail.conversation.labels);
  const save = useMutation({
    mutationFn: () =>
      api("PUT", "/api/inbox/conversations/:id/labels", {
        params: { id: detail.conversation.id },
        body: { labels },
      }),
    onSuccess: () => {
      onDone();
      onClose();
    },
  });
  return (
    <FormDialog
      opened
      onClose={onClose}
      title={t("inbox.conversations.actions.labels")}
      onSubmit={() => save.mutate()}
      submitLabel={t("inbox.conversations.actions.save")}
      loading={save.isPending}
      error={save.error}
    >
      <TagsInput
        label={t("inbox.conversations.actions.labelsField")}
        description={t("inbox.conversations.actions.labelsHint")}
        value={labels}
        onChange={(next) => setLabels(next.map((label) => label.trim().slice(0, 40)).filter(Boolean))}
        maxTags={20}
        clearable
      />
    </FormDialog>
  );
}

function EscalateDialog({
  detail,
  onDone,
  onClose,
}: {
  detail: ConversationDetail;
  onDone: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [to, setTo] = useState<string>("parent");
  const [officeId, setOfficeId] = useState<string | null>(null);
  const [note, setNote] = useState("");
  const [missing, setMissing] = useState(false);
  const offices = useQuery({
    queryKey: ["inbox", "offices", detail.conversation.unitId],
    queryFn: () => api("GET", "/api/inbox/offices", { query: { unitId: detail.conversation.unitId } }),
  });
  const escalate = useMutation({
    mutationFn: () =>
      api("POST", "/api/inbox/conversations/:id/escalate", {
        params: { id: detail.conversation.id },
        body: {
          to: to === "parent" ? "parent" : { officeId: officeId ?? "" },
          note: note.trim() || undefined,
        },
      }),
    onSuccess: () => {
      onDone();
      onClose();
    },
  });
  const officeItems = offices.data?.items ?? [];
  return (
    <FormDialog
      opened
      onClose={onClose}
      title={t("inbox.conversations.actions.escalate")}
      onSubmit={() => {
        if (to === "office" && !officeId) {
          setMissing(true);
          return;
        }
        escalate.mutate();
      }}
      submitLabel={t("inbox.conversations.actions.escalateSubmit")}
      loading={escalate.isPending}
      error={escalate.error}
    >
      <Text size="sm">{t("inbox.conversations.actions.escalateHint")}</Text>
      <Radio.Group value={to} onChange={setTo} label={t("inbox.conversations.actions.escalateTo")}>
        <Stack gap={6} mt={4}>
          <Radio value="parent" label={t("inbox.conversations.actions.toParent")} />
          <Radio
            value="office"
            label={t("inbox.conversations.actions.toOffice")}
            disabled={officeItems.length === 0}
          />
        </Stack>
      </Radio.Group>
      {to === "office" && (
        <Select
          label={t("inbox.conversations.actions.office")}
          data={officeItems.map((office) => ({ value: office.id, label: office.name }))}
          value={officeId}
          onChange={(value) => {
            setOfficeId(value);
            setMissing(false);
          }}
          error={missing ? t("inbox.conversations.actions.officeMissing") : undefined}
        />
      )}
      <Textarea
        label={t("inbox.conversations.actions.escalateNote")}
        value={note}
        maxLength={2000}
        autosize
        minRows={2}
        onChange={(event) => setNote(event.currentTarget.value)}
      />
    </FormDialog>
  );
}

function EraseDialog({ detail, onClose }: { detail: ConversationDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const navigate = useNavigate();
  const erase = useMutation({
    mutationFn: () =>
      api("DELETE", "/api/inbox/conversations/:id/contact", { params: { id: detail.conversation.id } }),
    onSuccess: () => {
      client.removeQueries({ queryKey: conversationKey(detail.conversation.id) });
      void client.invalidateQueries({ queryKey: inboxListKey });
      navigate("/inbox");
    },
  });
  return (
    <ConfirmDialog
      opened
      title={t("inbox.conversations.actions.eraseTitle")}
      confirmLabel={t("inbox.conversations.actions.eraseConfirm")}
      loading={erase.isPending}
      error={erase.error}
      onConfirm={() => erase.mutate()}
      onClose={onClose}
    >
      <Text size="sm">
        {t("inbox.conversations.actions.eraseExplain", { name: detail.conversation.contactName })}
      </Text>
    </ConfirmDialog>
  );
}
