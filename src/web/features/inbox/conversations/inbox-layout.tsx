import { Box, Group, Text } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { PageHeader } from "../../../components/page-header.tsx";
import { EmptyBlock } from "../../../components/state-blocks.tsx";
import { InboxList } from "./inbox-list.tsx";
import { useInboxStream } from "./inbox-live.ts";

/** Wide enough for the list and a conversation side by side; narrower screens show one at a time. */
function useSplitLayout(): boolean {
  return useMediaQuery("(min-width: 62em)", false, { getInitialValueInEffect: false });
}

/** A small green dot while new messages arrive by themselves. */
export function LiveIndicator() {
  const { t } = useTranslation();
  const live = useInboxStream();
  return (
    <Group gap={6} wrap="nowrap" aria-live="polite" data-testid="live-indicator">
      <Box
        w={8}
        h={8}
        style={{
          borderRadius: "50%",
          background: live ? "var(--mantine-color-green-6)" : "var(--mantine-color-gray-5)",
        }}
      />
      <Text size="xs" c="dimmed">
        {live ? t("inbox.conversations.live") : t("inbox.conversations.reconnecting")}
      </Text>
    </Group>
  );
}

/**
 * The inbox's frame: on a wide screen the list stays on the left and the open conversation (or a
 * hint to open one) on the right; on a phone either the list or the conversation fills the screen.
 */
export function InboxLayout({ conversationId, children }: { conversationId?: string; children?: ReactNode }) {
  const { t } = useTranslation();
  const split = useSplitLayout();
  useInboxStream();
  if (!split && conversationId) {
    return children;
  }
  const header = <PageHeader title={t("inbox.conversations.title")} subtitle={<LiveIndicator />} />;
  if (!split) {
    return (
      <>
        {header}
        <InboxList />
      </>
    );
  }
  return (
    <>
      {header}
      <Group align="flex-start" wrap="nowrap" gap="lg">
        <Box w={380} style={{ flex: "none" }}>
          <InboxList selectedId={conversationId} />
        </Box>
        <Box style={{ flex: 1, minWidth: 0 }}>
          {conversationId ? (
            children
          ) : (
            <EmptyBlock title={t("inbox.conversations.pickOne")}>
              <Text size="sm" c="dimmed">
                {t("inbox.conversations.pickOneHint")}
              </Text>
            </EmptyBlock>
          )}
        </Box>
      </Group>
    </>
  );
}
