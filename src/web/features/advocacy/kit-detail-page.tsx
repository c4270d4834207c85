import { Anchor, Button, Group, Modal, Paper, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { api } from "../../backend/typed-client.ts";
import type { Kit, UpdateKitBody } from "../../backend/types.ts";
import { ConfirmDialog } from "../../components/confirm-dialog.tsx";
import { DownloadMenu } from "../../components/download-menu.tsx";
import { Fact } from "../../components/fact.tsx";
import { ChevronRightIcon } from "../../components/icons.tsx";
import { PageHeader } from "../../components/page-header.tsx";
import { ErrorBlock, LoadingBlock } from "../../components/state-blocks.tsx";
import { formatDateTime } from "../../i18n/format.ts";
import { advocacyKeys, cardUrlOf, fetchKit } from "./advocacy-api.ts";
import { KitStateBadge } from "./kit-badges.tsx";
import { cleanCaptions, expiryOf, fieldsOfKit, type KitFields, KitForm } from "./kit-form.tsx";
import { KitReportPanel } from "./kit-report.tsx";

/** A kit's page: what members see and share, changes, withdrawal, the card, and its report. */
export default function KitDetailPage() {
  const { id = "" } = useParams();
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const kit = useQuery({ queryKey: advocacyKeys.kit(id), queryFn: () => fetchKit(id) });
  const applied = (result: Kit) => {
    client.setQueryData(advocacyKeys.kit(result.id), result);
    void client.invalidateQueries({ queryKey: advocacyKeys.kits });
    void client.invalidateQueries({ queryKey: advocacyKeys.feed });
  };
  const update = useMutation({
    mutationFn: (fields: KitFields) => {
      const body: UpdateKitBody = {
        title: fields.title.trim(),
        captions: cleanCaptions(fields.captions),
        targetUnitIds: fields.targets.length > 0 ? fields.targets.map((target) => target.id) : undefined,
        campaignId: fields.campaignId,
        expiresAt: expiryOf(fields),
      };
      return api("PATCH", "/api/share-kits/:id", { params: { id }, body });
    },
    onSuccess: (result) => {
      applied(result);
      setEditing(false);
      notifications.show({ color: "green", message: t("advocacy.kit.saved") });
    },
  });
  const withdrawal = useMutation({
    mutationFn: (action: "withdraw" | "reinstate") =>
      api("POST", action === "withdraw" ? "/api/share-kits/:id/withdraw" : "/api/share-kits/:id/reinstate", {
        params: { id },
      }),
    onSuccess: (result, action) => {
      applied(result);
      setConfirming(false);
      notifications.show({
        color: action === "withdraw" ? "orange" : "green",
        autoClose: action === "withdraw" ? 8000 : undefined,
        // Undo at once, without the question: reinstating only puts back what was there.
        message:
          action === "withdraw" ? (
            <Group gap="xs" justify="space-between" wrap="nowrap">
              <span>{t("advocacy.kit.withdrawn")}</span>
              <Button size="compact-xs" variant="light" onClick={() => withdrawal.mutate("reinstate")}>
                {t("advocacy.kit.undo")}
              </Button>
            </Group>
          ) : (
            t("advocacy.kit.reinstated")
          ),
      });
    },
  });

  if (kit.isPending) {
    return <LoadingBlock />;
  }
  if (kit.isError) {
    return <ErrorBlock error={kit.error} onRetry={() => void kit.refetch()} />;
  }
  const data = kit.data;
  // The server says which of the two it accepts now; the page offers that one.
  const action = data.canReinstate ? "reinstate" : data.canWithdraw ? "withdraw" : null;
  const reinstating = action === "reinstate";

  return (
    <>
      <PageHeader
        back={{ to: "/share-kits", label: t("advocacy.kits.title") }}
        title={data.title}
        subtitle={
          <Group gap="xs" mt={2}>
            <KitStateBadge kit={data} />
            <Text size="sm" c="dimmed">
              {data.unitName}
            </Text>
          </Group>
        }
        actions={
          <>
            <DownloadMenu
              label={t("advocacy.kit.card")}
              testId="kit-card-download"
              files={[
                { label: t("advocacy.kit.cardWide"), href: cardUrlOf(data.cardUrl, "1200x630") },
                { label: t("advocacy.kit.cardSquare"), href: cardUrlOf(data.cardUrl, "1080x1080") },
              ]}
            />
            <Button variant="default" onClick={() => setEditing(true)} data-testid="kit-edit">
              {t("advocacy.kit.edit")}
            </Button>
            {action && (
              <Button
                variant="light"
                color={reinstating ? "green" : "red"}
                onClick={() => setConfirming(true)}
                data-testid={reinstating ? "kit-reinstate" : "kit-withdraw"}
              >
                {reinstating ? t("advocacy.kit.reinstate") : t("advocacy.kit.withdraw")}
              </Button>
            )}
          </>
        }
      />
      <Stack gap="md">
        <Paper withBorder p={{ base: "sm", sm: "md" }}>
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
            <img
              src={data.cardUrl}
              width={1200}
              height={630}
              alt={t("advocacy.kit.cardAlt", { title: data.title })}
              loading="lazy"
              decoding="async"
              style={{ display: "block", width: "100%", height: "auto", borderRadius: 4 }}
            />
            <Stack gap="sm">
              <Fact label={t("advocacy.kit.target")}>
                <Anchor href={data.targetUrl} target="_blank" rel="noopener noreferrer" size="sm">
                  {data.targetUrl}
                </Anchor>
              </Fact>
              {data.postId && (
                <Fact label={t("advocacy.kit.post")}>
                  <Anchor component={Link} to={`/posts/${data.postId}`} size="sm">
                    {t("advocacy.kit.openPost")} <ChevronRightIcon size={12} />
                  </Anchor>
                </Fact>
              )}
              <Fact label={t("advocacy.kitForm.targets")}>
                {data.targetUnits.map((unit) => unit.name).join(", ")}
              </Fact>
              <Fact label={t("advocacy.kitForm.campaign")}>
                {data.campaign ? (
                  <Anchor component={Link} to={`/campaigns/${data.campaign.id}`} size="sm">
                    {data.campaign.name}
                  </Anchor>
                ) : (
                  t("common.none")
                )}
              </Fact>
              <Fact label={t("advocacy.kitForm.expires")}>
                {data.expiresAt ? formatDateTime(data.expiresAt, i18n.language) : t("advocacy.kit.noExpiry")}
              </Fact>
              <Fact label={t("advocacy.kit.created")}>
                {[formatDateTime(data.createdAt, i18n.language), data.createdByName]
                  .filter(Boolean)
                  .join(" · ")}
              </Fact>
            </Stack>
          </SimpleGrid>
          <Title order={2} size="h5" mt="md" mb="xs">
            {t("advocacy.kitForm.captions")}
          </Title>
          <Stack gap="xs">
            {data.captions.map((caption, index) => (
              <Paper
                // biome-ignore lint/suspicious/noArrayIndexKey: captions are shown in their order
                key={index}
                withBorder
                p="xs"
                bg="var(--mantine-color-gray-0)"
              >
                <Text size="sm" style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>
                  {caption}
                </Text>
              </Paper>
            ))}
          </Stack>
        </Paper>
        <KitReportPanel kit={data} />
      </Stack>

      <Modal opened={editing} onClose={() => setEditing(false)} title={t("advocacy.kit.editTitle")} size="lg">
        {editing && (
          <KitForm
            isNew={false}
            initial={fieldsOfKit(data)}
            submitLabel={t("common.save")}
            pending={update.isPending}
            error={update.error}
            onSubmit={(fields) => update.mutate(fields)}
            onCancel={() => setEditing(false)}
          />
        )}
      </Modal>
      <ConfirmDialog
        opened={confirming}
        title={reinstating ? t("advocacy.kit.reinstateTitle") : t("advocacy.kit.withdrawTitle")}
        confirmLabel={reinstating ? t("advocacy.kit.reinstate") : t("advocacy.kit.withdraw")}
        color={reinstating ? "green" : "red"}
        loading={withdrawal.isPending}
        error={withdrawal.error}
        onConfirm={() => {
          if (action) {
            withdrawal.mutate(action);
          }
        }}
        onClose={() => {
          setConfirming(false);
          withdrawal.reset();
        }}
      >
        <Text size="sm">
          {reinstating ? t("advocacy.kit.reinstateExplain") : t("advocacy.kit.withdrawExplain")}
        </Text>
      </ConfirmDialog>
    </>
  );
}
