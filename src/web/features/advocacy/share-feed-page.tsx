import { Badge, Button, Card, Group, SimpleGrid, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { type InfiniteData, useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { FeedItem, FeedPage, ShareMethod } from "../../backend/types.ts";
import { PageHeader } from "../../components/page-header.tsx";
import { EmptyBlock, ErrorBlock, LoadingBlock } from "../../components/state-blocks.tsx";
import { formatDate, formatDateTime, useErrorText } from "../../i18n/format.ts";
import { advocacyKeys, feedPageSize, fetchFeed, setShared } from "./advocacy-api.ts";
import { RankingConsentCard } from "./ranking-consent-card.tsx";
import { canShareNatively, copyText, facebookShareUrl, shareNatively, shareText } from "./share-actions.ts";

/** The host a link leads to, shown so the member knows where their friends will land. */
function hostOf(url: string): string {
  try {
    return new URL(url).host.replace(/^www\./, "");
  } catch {
    return url;
  }
}

/** Puts the server's answer about one kit's shared state into the cached feed pages. */
function useMarkShared(kitId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (method: ShareMethod | null) => setShared(kitId, method),
    onSuccess: (state) => {
      client.setQueryData<InfiniteData<FeedPage, number>>(advocacyKeys.feed, (data) =>
        data
          ? {
              ...data,
              pages: data.pages.map((page) => ({
                ...page,
                items: page.items.map((item) =>
                  item.id === state.kitId
                    ? { ...item, sharedAt: state.sharedAt, sharedMethod: state.method }
                    : item,
                ),
              })),
            }
          : data,
      );
    },
  });
}

/** One kit on the member's phone: its card, a caption to share (with others to pick), the buttons. */
function FeedCard({ item, eager }: { item: FeedItem; eager: boolean }) {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const [captionIndex, setCaptionIndex] = useState(0);
  const mark = useMarkShared(item.id);
  const caption = item.captions[captionIndex % Math.max(1, item.captions.length)] ?? "";
  const text = shareText(caption, item.link.url);
  const native = canShareNatively();

  const marked = (method: ShareMethod) => {
    mark.mutate(method, {
      onError: (error) => notifications.show({ color: "red", message: errorText(error) }),
    });
  };
  const onNative = async () => {
    try {
      if (await shareNatively(item.title, caption, item.link.url)) {
        marked("native");
      }
    } catch {
      notifications.show({ color: "yellow", message: t("advocacy.feed.nativeFailed") });
    }
  };
  const onCopy = async (method: "copy" | "zalo") => {
    if (await copyText(text)) {
      notifications.show({
        color: "green",
        message: method === "zalo" ? t("advocacy.feed.copiedForZalo") : t("advocacy.feed.copied"),
      });
      marked(method);
    } else {
      notifications.show({ color: "yellow", message: t("advocacy.feed.copyFailed") });
    }
  };
  const onFacebook = () => {
    window.open(facebookShareUrl(item.link.url), "_blank", "noopener,noreferrer");
    marked("facebook");
  };

  return (
    <Card withBorder padding="sm" radius="md" data-testid="feed-kit" data-kit-id={item.id}>
      <Card.Section>
        {/* Width and height reserve the card's space before the image arrives (no layout shift). */}
        <img
          src={item.cardUrl}
          width={1200}
          height={630}
          loading={eager ? "eager" : "lazy"}
          decoding="async"
          alt=""
          style={{
            display: "block",
            width: "100%",
            height: "auto",
            background: "var(--mantine-color-gray-1)",
          }}
        />
      </Card.Section>
      <Stack gap={6} mt="sm">
        <Text fw={700} style={{ overflowWrap: "anywhere" }} data-testid="feed-kit-title">
          {item.title}
        </Text>
        <Group gap={6} wrap="wrap">
          <Text size="xs" c="dimmed">
            {item.unitName} · {formatDate(item.createdAt, i18n.language)}
          </Text>
          {item.campaign && (
            <Badge size="sm" variant="light" color="grape" tt="none" style={{ maxWidth: "100%" }}>
              {item.campaign.name}
            </Badge>
          )}
        </Group>
        <Card withBorder padding="xs" radius="sm" bg="var(--mantine-color-gray-0)">
          <Text
            size="sm"
            style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}
            data-testid="feed-caption"
          >
            {caption}
          </Text>
          <Text
            size="sm"
            c="blue.8"
            mt={4}
            ff="monospace"
            style={{ overflowWrap: "anywhere" }}
            data-testid="feed-link"
          >
            {item.link.url}
          </Text>
          <Group justify="space-between" gap={4} mt={4} wrap="nowrap">
            <Text size="xs" c="dimmed" style={{ minWidth: 0, overflowWrap: "anywhere" }}>
              {t("advocacy.feed.leadsTo", { host: hostOf(item.targetUrl) })}
            </Text>
            {item.captions.length > 1 && (
              <Button
                size="compact-xs"
                variant="subtle"
                style={{ flexShrink: 0 }}
                onClick={() => setCaptionIndex((index) => (index + 1) % item.captions.length)}
                aria-label={t("advocacy.feed.otherCaptionLabel", {
                  n: ((captionIndex + 1) % item.captions.length) + 1,
                  total: item.captions.length,
                })}
              >
                {t("advocacy.feed.otherCaption")}
              </Button>
            )}
          </Group>
        </Card>
        {native && (
          <Button fullWidth onClick={() => void onNative()} data-testid="feed-share">
            {t("advocacy.feed.share")}
          </Button>
        )}
        <SimpleGrid cols={3} spacing={6}>
          <Button
            variant="light"
            size="sm"
            px={4}
            onClick={() => void onCopy("zalo")}
            data-testid="feed-zalo"
          >
            Zalo
          </Button>
          <Button variant="light" size="sm" px={4} onClick={onFacebook} data-testid="feed-facebook">
            Facebook
          </Button>
          <Button
            variant={native ? "light" : "filled"}
            size="sm"
            px={4}
            onClick={() => void onCopy("copy")}
            data-testid="feed-copy"
          >
            {t("advocacy.feed.copy")}
          </Button>
        </SimpleGrid>
        {item.sharedAt ? (
          <Group justify="space-between" gap="xs" wrap="nowrap" data-testid="feed-shared">
            <Text size="sm" c="green.8" fw={600} style={{ minWidth: 0 }}>
              {t("advocacy.feed.shared")}
              <Text span size="xs" c="dimmed" fw={400}>
                {" "}
                · {formatDateTime(item.sharedAt, i18n.language)}
              </Text>
            </Text>
            <Button
              size="compact-sm"
              variant="subtle"
              color="gray"
              loading={mark.isPending}
              onClick={() => mark.mutate(null)}
              style={{ flexShrink: 0 }}
            >
              {t("advocacy.feed.unmark")}
            </Button>
          </Group>
        ) : (
          <Group justify="space-between" gap="xs" wrap="nowrap">
            <Text size="xs" c="dimmed" style={{ minWidth: 0 }}>
              {item.expiresAt
                ? t("advocacy.feed.expires", { date: formatDate(item.expiresAt, i18n.language) })
                : ""}
            </Text>
            <Button
              size="compact-sm"
              variant="subtle"
              loading={mark.isPending}
              onClick={() => marked("other")}
              style={{ flexShrink: 0 }}
              data-testid="feed-mark"
            >
              {t("advocacy.feed.markShared")}
            </Button>
          </Group>
        )}
      </Stack>
    </Card>
  );
}

/** "Chia sẻ tin": the kits for the member's units, newest first, each shared with one tap. */
export default function ShareFeedPage() {
  const { t } = useTranslation();
  const feed = useInfiniteQuery({
    queryKey: advocacyKeys.feed,
    queryFn: ({ pageParam }) => fetchFeed(pageParam),
    initialPageParam: 1,
    getNextPageParam: (last) =>
      last.page * (last.pageSize || feedPageSize) < last.total ? last.page + 1 : undefined,
  });
  const items = feed.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Stack gap="md" maw={560} mx="auto">
      <PageHeader title={t("advocacy.feed.title")} subtitle={t("advocacy.feed.subtitle")} />
      {feed.isPending && <LoadingBlock />}
      {feed.isError && <ErrorBlock error={feed.error} onRetry={() => void feed.refetch()} />}
      {feed.isSuccess && items.length === 0 && (
        <EmptyBlock title={t("advocacy.feed.empty")}>
          <Text size="sm" c="dimmed">
            {t("advocacy.feed.emptyHint")}
          </Text>
        </EmptyBlock>
      )}
      {items.map((item, index) => (
        <FeedCard key={item.id} item={item} eager={index === 0} />
      ))}
      {feed.hasNextPage && (
        <Button
          variant="default"
          onClick={() => void feed.fetchNextPage()}
          loading={feed.isFetchingNextPage}
          data-testid="feed-more"
        >
          {t("advocacy.feed.more")}
        </Button>
      )}
      {feed.isSuccess && <RankingConsentCard />}
    </Stack>
  );
}
