import { Alert, Button, Checkbox, Group, SegmentedControl, Stack, Text, Textarea } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type KeyboardEvent, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { foldForSearch } from "../../../../shared/vietnamese-text.ts";
import { api } from "../../../backend/typed-client.ts";
import { SendIcon } from "../../../components/icons.tsx";
import { FormError } from "../../../components/state-blocks.tsx";
import { type Suggestion, SuggestionList } from "./composer-suggestions.tsx";
import { fillCannedReply, insertAtTrigger, mentionedIds, triggerAt } from "./composer-text.ts";
import { useConversationPeople } from "./conversation-actions.tsx";
import { type ConversationDetail, conversationKey, inboxListKey } from "./inbox-live.ts";
import { ReplyWindowNotice, replyWindowClosed } from "./reply-window.tsx";

type Mode = "reply" | "note";

/**
 * Where the officer answers: a reply sent through the platform, or an internal note with @mentions.
 * "/" and a shortcut offers the unit's canned replies; the platform's reply window is said before
 * sending, and once it has closed the box offers a note instead. Sending twice is not possible.
 */
export function Composer({ detail }: { detail: ConversationDetail }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const c = detail.conversation;
  const closed = replyWindowClosed(detail);
  const [mode, setMode] = useState<Mode>(closed ? "note" : "reply");
  const [commentMode, setCommentMode] = useState<"public" | "private">("public");
  const [text, setText] = useState("");
  const [cursor, setCursor] = useState(0);
  const [resolve, setResolve] = useState(false);
  const [mentions, setMentions] = useState<Map<string, string>>(new Map());
  const [active, setActive] = useState(0);
  const [dismissed, setDismissed] = useState<number | null>(null);
  const area = useRef<HTMLTextAreaElement>(null);
  const sending = useRef(false);
  const trigger = triggerAt(text, cursor);
  const openTrigger =
    trigger && dismissed !== trigger.start && (trigger.sign === "/" || mode === "note") ? trigger : null;
  const [cannedWord] = useDebouncedValue(openTrigger?.sign === "/" ? openTrigger.word : null, 150);
  const canned = useQuery({
    queryKey: ["inbox", "canned-replies", c.unitId, cannedWord],
    queryFn: () =>
      api("GET", "/api/inbox/canned-replies", { query: { q: cannedWord || undefined, unitId: c.unitId } }),
    enabled: cannedWord !== null,
  });
  const people = useConversationPeople(c.id, mode === "note");
  const suggestions: Suggestion[] =
    openTrigger?.sign === "/"
      ? (canned.data?.items ?? []).slice(0, 8).map((item) => ({
          id: item.id,
          title: item.title,
          hint: `/${item.shortcut}`,
          detail: fillCannedReply(item.body, c.contactName, c.unitName),
        }))
      : openTrigger?.sign === "@"
        ? (people.data?.items ?? [])
            .filter((person) => foldForSearch(person.fullName).includes(foldForSearch(openTrigger.word)))
            .slice(0, 8)
            .map((person) => ({ id: person.id, title: person.fullName }))
        : [];

  const send = useMutation({
    mutationFn: async () => {
      const body = text.trim();
      if (mode === "note") {
        const named = mentionedIds(body, mentions);
        return api("POST", "/api/inbox/conversations/:id/notes", {
          params: { id: c.id },
          body: { text: body, mentions: named.length > 0 ? named : undefined },
        });
      }
      return api("POST", "/api/inbox/conversations/:id/replies", {
        params: { id: c.id },
        body: {
          text: body,
          commentMode: c.kind === "comment" ? commentMode : undefined,
          resolve: resolve || undefined,
        },
      });
    },
    onSuccess: () => {
      setText("");
      setMentions(new Map());
      setResolve(false);
      void client.invalidateQueries({ queryKey: conversationKey(c.id) });
      void client.invalidateQueries({ queryKey: inboxListKey });
    },
    onSettled: () => {
      sending.current = false;
    },
  });
  const submit = () => {
    // A second tap before the first answer arrives must not send the same words twice.
    if (sending.current || !text.trim()) {
      return;
    }
    sending.current = true;
    send.mutate();
  };

  const pick = (suggestion: Suggestion) => {
    if (!openTrigger) {
      return;
    }
    const inserted = openTrigger.sign === "/" ? (suggestion.detail ?? "") : `@${suggestion.title} `;
    if (openTrigger.sign === "@") {
      setMentions((current) => new Map(current).set(suggestion.id, suggestion.title));
    }
    const { text: next, cursor: at } = insertAtTrigger(text, cursor, openTrigger, inserted);
    setText(next);
    setCursor(at);
    setActive(0);
    requestAnimationFrame(() => {
      area.current?.focus();
      area.current?.setSelectionRange(at, at);
    });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (suggestions.length > 0) {
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        const step = event.key === "ArrowDown" ? 1 : -1;
        setActive((current) => (current + step + suggestions.length) % suggestions.length);
        return;
      }
      if (event.key === "Enter" || event.key === "Tab") {
        event.preventDefault();
        const chosen = suggestions[Math.min(active, suggestions.length - 1)];
        if (chosen) {
          pick(chosen);
        }
        return;
      }
      if (event.key === "Escape") {
        event.preventDefault();
        setDismissed(openTrigger?.start ?? null);
        return;
      }
    }
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      submit();
    }
  };

  return (
    <Stack gap={6} data-testid="composer">
      <SegmentedControl
        size="xs"
        value={mode}
        onChange={(value) => setMode(value as Mode)}
        data={[
          { value: "reply", label: t("inbox.conversations.composer.reply") },
          { value: "note", label: t("inbox.conversations.composer.note") },
        ]}
      />
      {mode === "reply" && <ReplyWindowNotice detail={detail} />}
      {mode === "reply" && c.kind === "comment" && c.source === "facebook" && (
        <SegmentedControl
          size="xs"
          value={commentMode}
          onChange={(value) => setCommentMode(value as "public" | "private")}
          data={[
            { value: "public", label: t("inbox.conversations.composer.public") },
            { value: "private", label: t("inbox.conversations.composer.private") },
          ]}
        />
      )}
      {mode === "note" && (
        <Text size="xs" c="dimmed">
          {t("inbox.conversations.composer.noteHint")}
        </Text>
      )}
      {suggestions.length > 0 && (
        <SuggestionList
          label={
            openTrigger?.sign === "/"
              ? t("inbox.conversations.composer.canned")
              : t("inbox.conversations.composer.people")
          }
          items={suggestions}
          active={Math.min(active, suggestions.length - 1)}
          onPick={pick}
        />
      )}
      {openTrigger?.sign === "/" && canned.data && suggestions.length === 0 && (
        <Text size="xs" c="dimmed">
          {t("inbox.conversations.composer.noCanned")}
        </Text>
      )}
      <Textarea
        ref={area}
        aria-label={
          mode === "note"
            ? t("inbox.conversations.composer.noteField")
            : t("inbox.conversations.composer.replyField")
        }
        placeholder={
          mode === "note"
            ? t("inbox.conversations.composer.notePlaceholder")
            : t("inbox.conversations.composer.replyPlaceholder")
        }
        styles={mode === "note" ? { input: { background: "var(--mantine-color-yellow-0)" } } : undefined}
        value={text}
        autosize
        minRows={2}
        maxRows={10}
        maxLength={mode === "note" ? 5000 : 2000}
        onChange={(event) => {
          setText(event.currentTarget.value);
          setCursor(event.currentTarget.selectionStart ?? event.currentTarget.value.length);
          setActive(0);
        }}
        onSelect={(event) => setCursor(event.currentTarget.selectionStart ?? 0)}
        onKeyDown={onKeyDown}
      />
      <FormError error={send.error} />
      {send.error && mode === "reply" && (
        <Group>
          <Button size="xs" variant="light" onClick={() => setMode("note")}>
            {t("inbox.conversations.composer.useNote")}
          </Button>
        </Group>
      )}
      <Group justify="space-between" gap="xs">
        {mode === "reply" && c.status !== "resolved" ? (
          <Checkbox
            size="xs"
            label={t("inbox.conversations.composer.resolve")}
            checked={resolve}
            onChange={(event) => setResolve(event.currentTarget.checked)}
          />
        ) : (
          <span />
        )}
        <Button
          onClick={submit}
          loading={send.isPending}
          disabled={!text.trim() || send.isPending}
          color={mode === "note" ? "yellow" : undefined}
          rightSection={<SendIcon size={16} />}
          data-testid="composer-send"
        >
          {mode === "note"
            ? t("inbox.conversations.composer.saveNote")
            : t("inbox.conversations.composer.send")}
        </Button>
      </Group>
      {closed && mode === "note" && (
        <Alert color="gray" variant="light" py={6}>
          <Text size="xs">{t("inbox.conversations.composer.closedNote")}</Text>
        </Alert>
      )}
    </Stack>
  );
}
