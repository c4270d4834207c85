import { Paper } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useNavigate, useSearchParams } from "react-router";
import { useSignedInSession } from "../../backend/session.ts";
import { api } from "../../backend/typed-client.ts";
import type { CreateKitBody } from "../../backend/types.ts";
import { PageHeader } from "../../components/page-header.tsx";
import { LoadingBlock } from "../../components/state-blocks.tsx";
import { fetchUnit } from "../units/unit-queries.ts";
import { advocacyKeys } from "./advocacy-api.ts";
import { cleanCaptions, expiryOf, type KitFields, KitForm } from "./kit-form.tsx";

/** "Tạo bộ tin chia sẻ": a published post or an official address made into a kit for members. */
export default function KitNewPage() {
  const { t } = useTranslation();
  const session = useSignedInSession();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [params] = useSearchParams();
  // The unit asked for (from a campaign's page), else the first where the person makes kits.
  const paths = session.abilities["advocacy.manage"] ?? [];
  const unitId =
    params.get("unitId") ?? session.grants.find((grant) => paths.includes(grant.unitPath))?.unitId ?? "";
  const unit = useQuery({
    queryKey: ["units", "detail", unitId],
    queryFn: () => fetchUnit(unitId),
    enabled: Boolean(unitId),
  });
  const create = useMutation({
    mutationFn: (fields: KitFields) => {
      const body: CreateKitBody = {
        unitId: fields.unit?.id ?? "",
        ...(fields.source === "post" ? { postId: fields.post?.id } : { url: fields.url.trim() }),
        title: fields.title.trim() || undefined,
        captions: cleanCaptions(fields.captions),
        targetUnitIds: fields.targets.length > 0 ? fields.targets.map((target) => target.id) : undefined,
        campaignId: fields.campaignId ?? undefined,
        expiresAt: expiryOf(fields) ?? undefined,
      };
      return api("POST", "/api/share-kits", { body });
    },
    onSuccess: (kit) => {
      client.setQueryData(advocacyKeys.kit(kit.id), kit);
      void client.invalidateQueries({ queryKey: advocacyKeys.all });
      notifications.show({ color: "green", message: t("advocacy.kitForm.created") });
      navigate(`/share-kits/${kit.id}`, { replace: true });
    },
  });

  const chosen = unit.data ? { id: unit.data.id, name: unit.data.name, path: unit.data.path } : null;
  return (
    <>
      <PageHeader title={t("advocacy.kitForm.newTitle")} subtitle={t("advocacy.kitForm.newSubtitle")} />
      <Paper withBorder p={{ base: "sm", sm: "md" }} maw={760}>
        {unitId && unit.isPending ? (
          <LoadingBlock />
        ) : (
          <KitForm
            isNew
            initial={{
              unit: chosen,
              source: "post",
              post: null,
              url: "",
              title: "",
              captions: [""],
              targets: chosen ? [chosen] : [],
              campaignId: params.get("campaignId"),
              expiresLocal: "",
            }}
            submitLabel={t("advocacy.kitForm.create")}
            pending={create.isPending}
            error={create.error}
            onSubmit={(fields) => create.mutate(fields)}
            onCancel={() => navigate("/share-kits")}
          />
        )}
      </Paper>
    </>
  );
}
