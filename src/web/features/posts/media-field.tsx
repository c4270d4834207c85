import { Box, Button, Group, Input, SimpleGrid, Text } from "@mantine/core";
import { useQueries } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../backend/typed-client.ts";
import type { MediaKind } from "../../backend/types.ts";
import { ImageIcon } from "../../components/icons.tsx";
import { MediaThumb } from "../media/media-grid.tsx";
import { MediaPicker } from "../media/media-picker.tsx";

/**
 * The images and videos of a post or a variant, in order (the first is the cover on most
 * platforms), chosen from the unit's library with the media library's picker.
 */
export function MediaField(props: {
  label: string;
  unit: { id: string; path: string; name?: string };
  value: string[];
  onChange: (ids: string[]) => void;
  kind?: MediaKind | undefined;
  max?: number | undefined;
  error?: string | undefined;
  disabled?: boolean;
  "data-testid"?: string;
}) {
  const { t } = useTranslation();
  const [picking, setPicking] = useState(false);
  const items = useQueries({
    queries: props.value.map((id) => ({
      queryKey: ["media", "item", id],
      queryFn: () => api("GET", "/api/media/:id", { params: { id } }),
      staleTime: 5 * 60_000,
    })),
  });
  const known = items.flatMap((query) => (query.data ? [query.data] : []));

  return (
    <Input.Wrapper label={props.label} error={props.error} data-testid={props["data-testid"]}>
      <Box mt={4}>
        {props.value.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t("posts.media.none")}
          </Text>
        ) : (
          <SimpleGrid cols={{ base: 3, sm: 6 }} spacing="xs">
            {props.value.map((id, index) => {
              const item = known.find((candidate) => candidate.id === id);
              return (
                <Box key={id} pos="relative">
                  {item ? <MediaThumb item={item} /> : <Box bg="gray.2" h={60} />}
                  {index === 0 && props.value.length > 1 && (
                    <Text size="xs" c="dimmed">
                      {t("posts.media.cover")}
                    </Text>
                  )}
                </Box>
              );
            })}
          </SimpleGrid>
        )}
        {!props.disabled && (
          <Group gap="xs" mt="xs">
            <Button
              size="xs"
              variant="default"
              leftSection={<ImageIcon size={14} />}
              onClick={() => setPicking(true)}
            >
              {props.value.length === 0 ? t("posts.media.choose") : t("posts.media.change")}
            </Button>
            {props.value.length > 0 && (
              <Button size="xs" variant="subtle" color="gray" onClick={() => props.onChange([])}>
                {t("posts.media.clear")}
              </Button>
            )}
          </Group>
        )}
      </Box>
      {picking && (
        <MediaPicker
          opened
          unit={props.unit}
          initial={known}
          kind={props.kind}
          max={props.max}
          onClose={() => setPicking(false)}
          onConfirm={(chosen) => {
            props.onChange(chosen.map((item) => item.id));
            setPicking(false);
          }}
        />
      )}
    </Input.Wrapper>
  );
}
