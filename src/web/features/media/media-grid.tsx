import { AspectRatio, Badge, Box, Card, Group, Image, SimpleGrid, Text, UnstyledButton } from "@mantine/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { MediaItem } from "../../backend/types.ts";

/** The picture of an item: its thumbnail, or for a video a plain tile (no frame is extracted). */
export function MediaThumb({ item }: { item: MediaItem }) {
  const { t } = useTranslation();
  return (
    <AspectRatio ratio={4 / 3}>
      {item.thumbnailUrl ? (
        <Image src={item.thumbnailUrl} alt={item.altText} fit="cover" loading="lazy" />
      ) : (
        <Box
          bg="dark.6"
          c="white"
          style={{ display: "flex", alignItems: "center", justifyContent: "center", fontSize: 32 }}
          role="img"
          aria-label={item.altText || t("media.kind.video")}
        >
          ▶
        </Box>
      )}
    </AspectRatio>
  );
}

/**
 * Library items as tiles with their alt text. With `selected`, a tile is a toggle that shows its
 * place in the chosen order; otherwise `actions` renders under each tile.
 */
export function MediaGrid<Item extends MediaItem>(props: {
  items: Item[];
  selected?: string[];
  onToggle?: (item: Item) => void;
  actions?: (item: Item) => ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <SimpleGrid cols={{ base: 2, xs: 3, md: 4, lg: 5 }} spacing="sm" data-testid="media-grid">
      {props.items.map((item) => {
        const order = props.selected ? props.selected.indexOf(item.id) + 1 : 0;
        const body = (
          <>
            <Card.Section pos="relative">
              <MediaThumb item={item} />
              <Group gap={4} pos="absolute" top={6} left={6}>
                {item.kind === "video" && (
                  <Badge size="xs" color="grape">
                    {t("media.kind.video")}
                  </Badge>
                )}
                {item.published && (
                  <Badge size="xs" color="teal">
                    {t("media.published")}
                  </Badge>
                )}
              </Group>
              {order > 0 && (
                <Badge pos="absolute" top={6} right={6} size="lg" circle aria-hidden>
                  {order}
                </Badge>
              )}
            </Card.Section>
            <Text size="xs" mt="xs" lineClamp={3} c={item.altText ? undefined : "dimmed"}>
              {item.altText || t("media.noAltText")}
            </Text>
          </>
        );
        return (
          <Card
            key={item.id}
            withBorder
            padding="xs"
            data-testid="media-tile"
            style={order > 0 ? { outline: "3px solid var(--mantine-color-blue-6)" } : undefined}
          >
            {props.onToggle ? (
              <UnstyledButton
                onClick={() => props.onToggle?.(item)}
                aria-pressed={order > 0}
                aria-label={
                  order > 0
                    ? t("media.picker.selectedAs", { n: order, alt: item.altText || item.originalName })
                    : t("media.picker.select", { alt: item.altText || item.originalName })
                }
              >
                {body}
              </UnstyledButton>
            ) : (
              body
            )}
            {props.actions && <Box mt={4}>{props.actions(item)}</Box>}
          </Card>
        );
      })}
    </SimpleGrid>
  );
}
