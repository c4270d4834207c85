import { Button, Group, Modal, SegmentedControl, Stack, Tabs, Text, TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { type ReactNode, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { can, useSignedInSession } from "../../backend/session.ts";
import { api } from "../../backend/typed-client.ts";
import type { MediaItem, MediaKind } from "../../backend/types.ts";
import { SearchIcon } from "../../components/icons.tsx";
import { PaginationBar } from "../../components/pagination-bar.tsx";
import { usePhoneLayout } from "../../components/phone-layout.ts";
import { EmptyBlock, ErrorBlock, LoadingBlock } from "../../components/state-blocks.tsx";
import { mediaKindOf } from "./media-api.ts";
import { MediaGrid } from "./media-grid.tsx";
import { MediaUploader } from "./media-uploader.tsx";

const pageSize = 12;

/**
 * Choose images and videos of one unit's library for a post, or upload new ones on the spot.
 * The chosen items come back in the order they were picked (the first is the cover on most
 * platforms); `initial` pre-selects what the post already has.
 */
export function MediaPicker(props: {
  opened: boolean;
  unit: { id: string; path: string; name?: string };
  initial?: MediaItem[];
  /** At most this many (a platform's limit); picking one more replaces nothing and is ignored. */
  max?: number;
  /** Only images or only videos, when the target takes one kind. */
  kind?: MediaKind;
  onClose: () => void;
  onConfirm: (items: MediaItem[]) => void;
}) {
  const { t } = useTranslation();
  const session = useSignedInSession();
  const phone = usePhoneLayout();
  const mayUpload = can(session, "channels.manage", props.unit.path);
  const [tab, setTab] = useState<string | null>("library");
  const [chosen, setChosen] = useState<MediaItem[]>(props.initial ?? []);
  const [search, setSearch] = useState("");
  const [debounced] = useDebouncedValue(search.trim(), 300);
  const [kind, setKind] = useState<string>(props.kind ?? "");
  const [page, setPage] = useState(1);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new opening starts from what the post has
  useEffect(() => {
    if (props.opened) {
      setChosen(props.initial ?? []);
      setTab("library");
    }
  }, [props.opened]);

  const media = useQuery({
    queryKey: ["media", "picker", { unitId: props.unit.id, q: debounced, kind, page }],
    queryFn: () =>
      api("GET", "/api/media", {
        query: {
          unitId: props.unit.id,
          exact: "true",
          q: debounced,
          kind: mediaKindOf(kind),
          page,
          pageSize,
        },
      }),
    enabled: props.opened,
    placeholderData: keepPreviousData,
  });

  const full = props.max !== undefined && chosen.length >= props.max;
  const toggle = (item: MediaItem) =>
    setChosen((all) =>
      all.some((other) => other.id === item.id)
        ? all.filter((other) => other.id !== item.id)
        : props.max !== undefined && all.length >= props.max
          ? all
          : [...all, item],
    );

  let list: ReactNode;
  if (media.isPending) {
    list = <LoadingBlock />;
  } else if (media.isError) {
    list = <ErrorBlock error={media.error} onRetry={() => void media.refetch()} />;
  } else if (media.data?.total === 0) {
    list = <EmptyBlock title={debounced ? t("media.noResults") : t("media.picker.empty")} />;
  } else {
    list = <MediaGrid items={media.data.items} selected={chosen.map((item) => item.id)} onToggle={toggle} />;
  }

  return (
    <Modal
      opened={props.opened}
      onClose={props.onClose}
      title={props.unit.name ? t("media.picker.titleOf", { unit: props.unit.name }) : t("media.picker.title")}
      size="xl"
      fullScreen={phone}
      centered
    >
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List mb="sm">
          <Tabs.Tab value="library">{t("media.picker.library")}</Tabs.Tab>
          {mayUpload && <Tabs.Tab value="upload">{t("media.upload.action")}</Tabs.Tab>}
        </Tabs.List>
        <Tabs.Panel value="library">
          <Stack gap="sm">
            <TextInput
              leftSection={<SearchIcon size={16} />}
              placeholder={t("media.searchPlaceholder")}
              aria-label={t("common.search")}
              value={search}
              onChange={(event) => {
                setSearch(event.currentTarget.value);
                setPage(1);
              }}
            />
            {!props.kind && (
              <SegmentedControl
                size="xs"
                value={kind}
                onChange={(value) => {
                  setKind(value);
                  setPage(1);
                }}
                data={[
                  { value: "", label: t("media.anyKind") },
                  { value: "image", label: t("media.kind.image") },
                  { value: "video", label: t("media.kind.video") },
                ]}
              />
            )}
            {list}
            {media.data && (media.data.total > pageSize || page > 1) && (
              <PaginationBar page={page} pageSize={pageSize} total={media.data.total} onChange={setPage} />
            )}
          </Stack>
        </Tabs.Panel>
        {mayUpload && (
          <Tabs.Panel value="upload">
            <MediaUploader
              unitId={props.unit.id}
              onUploaded={(item) => {
                if (!props.kind || item.kind === props.kind) {
                  setChosen((all) =>
                    all.some((other) => other.id === item.id) ||
                    (props.max !== undefined && all.length >= props.max)
                      ? all
                      : [...all, item],
                  );
                }
              }}
            />
          </Tabs.Panel>
        )}
      </Tabs>
      <Group
        justify="space-between"
        mt="md"
        pt="sm"
        style={{ borderTop: "1px solid var(--mantine-color-default-border)" }}
      >
        <Text size="sm" c={full ? "orange.8" : "dimmed"}>
          {props.max !== undefined
            ? t("media.picker.chosenOfMax", { n: chosen.length, max: props.max })
            : t("media.picker.chosen", { n: chosen.length })}
        </Text>
        <Group gap="xs">
          <Button variant="default" onClick={props.onClose}>
            {t("common.cancel")}
          </Button>
          <Button onClick={() => props.onConfirm(chosen)} data-testid="media-picker-confirm">
            {t("media.picker.confirm")}
          </Button>
        </Group>
      </Group>
    </Modal>
  );
}
