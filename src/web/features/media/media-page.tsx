import { Button, Group, Modal, Select, Stack, Text, Textarea } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { can, useSignedInSession } from "../../backend/session.ts";
import { api } from "../../backend/typed-client.ts";
import type { MediaItem } from "../../backend/types.ts";
import { ConfirmDialog } from "../../components/confirm-dialog.tsx";
import { FormDialog } from "../../components/form-dialog.tsx";
import { UploadIcon } from "../../components/icons.tsx";
import { useListFilters } from "../../components/list-filters.ts";
import { ListPanel } from "../../components/list-panel.tsx";
import { PageHeader } from "../../components/page-header.tsx";
import { EmptyBlock, ErrorBlock, LoadingBlock } from "../../components/state-blocks.tsx";
import { UnitFilter, useUnitFilter } from "../../components/unit-filter.tsx";
import { type UnitChoice, UnitPicker } from "../../components/unit-picker.tsx";
import { formatDate } from "../../i18n/format.ts";
import { mediaKindOf, mediaLimits } from "./media-api.ts";
import { MediaGrid } from "./media-grid.tsx";
import { formatBytes, MediaUploader } from "./media-uploader.tsx";

const pageSize = 24;

/** Changes the alt text of one item. */
function EditAltDialog({ item, onClose }: { item: MediaItem; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [altText, setAltText] = useState(item.altText);
  const save = useMutation({
    mutationFn: () => api("PATCH", "/api/media/:id", { params: { id: item.id }, body: { altText } }),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ["media"] });
      notifications.show({ color: "green", message: t("media.edit.saved") });
      onClose();
    },
  });
  return (
    <FormDialog
      opened
      onClose={onClose}
      title={t("media.edit.title")}
      // The description is required for images only; the browser's own check asks for it.
      browserValidation
      onSubmit={() => save.mutate()}
      submitLabel={t("common.save")}
      loading={save.isPending}
      error={save.error}
    >
      {item.thumbnailUrl && (
        <img
          src={item.thumbnailUrl}
          alt=""
          style={{ maxWidth: "100%", maxHeight: 200, objectFit: "contain" }}
        />
      )}
      <Textarea
        label={item.kind === "image" ? t("media.fields.altText") : t("media.fields.altTextVideo")}
        description={t("media.upload.altHint")}
        required={item.kind === "image"}
        autosize
        minRows={2}
        maxLength={mediaLimits.altMax}
        value={altText}
        onChange={(event) => setAltText(event.currentTarget.value)}
        data-autofocus
      />
    </FormDialog>
  );
}

/** The upload dialog of the page: which unit's library, then the files. */
function UploadDialog({ defaultUnit, onClose }: { defaultUnit: UnitChoice | null; onClose: () => void }) {
  const { t } = useTranslation();
  const session = useSignedInSession();
  const [unit, setUnit] = useState<UnitChoice | null>(
    defaultUnit && can(session, "channels.manage", defaultUnit.path) ? defaultUnit : null,
  );
  return (
    <Modal opened onClose={onClose} title={t("media.upload.title")} size="lg" centered>
      <Stack>
        <UnitPicker
          label={t("media.fields.unit")}
          permission="channels.manage"
          value={unit}
          onChange={setUnit}
          required
        />
        {unit ? (
          <MediaUploader unitId={unit.id} />
        ) : (
          <Text size="sm" c="dimmed">
            {t("media.upload.chooseUnitFirst")}
          </Text>
        )}
      </Stack>
    </Modal>
  );
}

/** The media library of the units a person may see: thumbnails with alt text, filters, upload, edit, delete. */
export default function MediaPage() {
  const { t, i18n } = useTranslation();
  const session = useSignedInSession();
  const client = useQueryClient();
  const { value, page, search, setSearch, debounced, setFilters, setPage, clearFilters } = useListFilters();
  const unitId = value("unitId");
  const kind = value("kind");
  const unitFilter = useUnitFilter(unitId, (id) => setFilters({ unitId: id }));
  const [uploading, setUploading] = useState(false);
  const [editing, setEditing] = useState<MediaItem | null>(null);
  const [deleting, setDeleting] = useState<MediaItem | null>(null);
  const mayUpload = can(session, "channels.manage");

  const media = useQuery({
    queryKey: ["media", "list", { q: debounced, unitId, kind, page }],
    queryFn: () =>
      api("GET", "/api/media", { query: { q: debounced, unitId, kind: mediaKindOf(kind), page, pageSize } }),
    placeholderData: keepPreviousData,
  });
  const remove = useMutation({
    mutationFn: (item: MediaItem) => api("DELETE", "/api/media/:id", { params: { id: item.id } }),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ["media"] });
      notifications.show({ color: "green", message: t("media.delete.done") });
      setDeleting(null);
    },
  });

  const items = media.data?.items ?? [];
  const filtered = Boolean(debounced || unitId || kind);
  let list: ReactNode;
  if (media.isPending) {
    list = <LoadingBlock />;
  } else if (media.isError) {
    list = <ErrorBlock error={media.error} onRetry={() => void media.refetch()} />;
  } else if (items.length === 0) {
    list = filtered ? (
      <EmptyBlock title={t("media.noResults")} />
    ) : (
      <EmptyBlock title={t("media.empty")}>
        <Text size="sm" c="dimmed">
          {t("media.emptyHint")}
        </Text>
      </EmptyBlock>
    );
  } else {
    list = (
      <MediaGrid
        items={items}
        actions={(item) => {
          const mayManage = item.canManage;
          return (
            <>
              <Text size="xs" c="dimmed" lineClamp={2}>
                {item.unitName} · {formatDate(item.createdAt, i18n.language)} ·{" "}
                {formatBytes(item.bytes, i18n.language)}
              </Text>
              {mayManage && (
                <Group gap={4} mt={4} justify="flex-end">
                  <Button size="compact-xs" variant="subtle" onClick={() => setEditing(item)}>
                    {t("media.edit.action")}
                  </Button>
                  {!item.published && (
                    <Button size="compact-xs" variant="subtle" color="red" onClick={() => setDeleting(item)}>
                      {t("media.delete.action")}
                    </Button>
                  )}
                </Group>
              )}
            </>
          );
        }}
      />
    );
  }

  return (
    <>
      <PageHeader
        title={t("media.title")}
        subtitle={t("media.subtitle")}
        actions={
          mayUpload && (
            <Button leftSection={<UploadIcon size={16} />} onClick={() => setUploading(true)}>
              {t("media.upload.action")}
            </Button>
          )
        }
      />
      <ListPanel
        search={{ value: search, onChange: setSearch, placeholder: t("media.searchPlaceholder") }}
        filterColumns={2}
        activeFilters={[unitId, kind].filter(Boolean).length}
        filters={
          <>
            <UnitFilter label={t("media.filterUnit")} filter={unitFilter} />
            <Select
              label={t("media.filterKind")}
              placeholder={t("media.anyKind")}
              clearable
              data={[
                { value: "image", label: t("media.kind.image") },
                { value: "video", label: t("media.kind.video") },
              ]}
              value={kind || null}
              onChange={(value) => setFilters({ kind: value })}
            />
          </>
        }
        filtered={filtered}
        onClearFilters={clearFilters}
        pagination={{ page, pageSize, total: media.data?.total ?? 0, onChange: setPage }}
      >
        {list}
      </ListPanel>

      {uploading && <UploadDialog defaultUnit={unitFilter.unitChoice} onClose={() => setUploading(false)} />}
      {editing && <EditAltDialog item={editing} onClose={() => setEditing(null)} />}
      <ConfirmDialog
        opened={deleting !== null}
        title={t("media.delete.title")}
        confirmLabel={t("media.delete.confirm")}
        loading={remove.isPending}
        error={remove.error}
        onConfirm={() => deleting && remove.mutate(deleting)}
        onClose={() => {
          remove.reset();
          setDeleting(null);
        }}
      >
        <Text size="sm">
          {t("media.delete.explain", { alt: deleting?.altText || deleting?.originalName || "" })}
        </Text>
      </ConfirmDialog>
    </>
  );
}
