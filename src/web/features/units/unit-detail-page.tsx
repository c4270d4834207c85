import {
  Anchor,
  Box,
  Button,
  Group,
  Menu,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Timeline,
  Title,
} from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import { useCan } from "../../backend/session.ts";
import type { UnitDetail, UnitKind } from "../../backend/types.ts";
import { ChannelIcon, ChevronRightIcon, DotsIcon, PeopleIcon, PlusIcon } from "../../components/icons.tsx";
import { PageHeader } from "../../components/page-header.tsx";
import { EmptyBlock, ErrorBlock, LoadingBlock } from "../../components/state-blocks.tsx";
import { formatDate, formatDateTime, formatNumber } from "../../i18n/format.ts";
import { ApprovalPolicyCard } from "../posts/approval-policy-card.tsx";
import { KindBadge, UnitStatusBadge } from "./unit-badges.tsx";
import {
  CreateUnitDialog,
  DissolveUnitDialog,
  EditUnitDialog,
  MergeUnitDialog,
  MoveUnitDialog,
} from "./unit-dialogs.tsx";
import { fetchChildren, fetchUnit } from "./unit-queries.ts";

/** A likely kind for a new sub-unit, to save a click; the person can change it. */
const childKind: Partial<Record<UnitKind, UnitKind>> = {
  province: "commune",
  commune: "agency",
  party_committee: "cell",
  mass_organisation: "union_branch",
};

type Dialog = "create" | "edit" | "move" | "merge" | "dissolve" | null;

/** A link to another unit by id, showing its name once loaded (or nothing outside one's scope). */
function UnitLink({ id }: { id: string }) {
  const unit = useQuery({ queryKey: ["units", "detail", id], queryFn: () => fetchUnit(id) });
  if (!unit.data) {
    return <Text c="dimmed">…</Text>;
  }
  return (
    <Anchor component={Link} to={`/units/${id}`}>
      {unit.data.name}
    </Anchor>
  );
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Box>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Box fz="sm">{children}</Box>
    </Box>
  );
}

/** One unit: details, sub-units, history, and the restructuring actions the person may take. */
export default function UnitDetailPage() {
  const { id = "" } = useParams();
  const { t, i18n } = useTranslation();
  const can = useCan();
  const navigate = useNavigate();
  const [dialog, setDialog] = useState<Dialog>(null);
  const unit = useQuery({ queryKey: ["units", "detail", id], queryFn: () => fetchUnit(id) });
  const children = useQuery({
    queryKey: ["units", "children-list", id],
    queryFn: () => fetchChildren(id, true, 1),
    enabled: unit.isSuccess,
  });

  if (unit.isPending) {
    return <LoadingBlock />;
  }
  if (unit.isError) {
    return <ErrorBlock error={unit.error} onRetry={() => void unit.refetch()} />;
  }
  const data: UnitDetail = unit.data;
  const active = data.status === "active";
  const manage = active && can("units.manage", data.path);
  const isRoot = data.parentId === null;
  const activeChildren = (children.data?.items ?? []).filter((child) => child.status === "active").length;
  const history = [...data.history].reverse();

  return (
    <>
      <Group gap={4} mb="xs" wrap="nowrap">
        <Anchor component={Link} to="/units" size="sm">
          {t("units.detail.allUnits")}
        </Anchor>
        <ChevronRightIcon size={14} />
        <Text size="sm" c="dimmed" truncate>
          {data.name}
        </Text>
      </Group>
      <PageHeader
        title={data.name}
        subtitle={
          <Group gap={6}>
            <KindBadge kind={data.kind} />
            <UnitStatusBadge status={data.status} always />
          </Group>
        }
        actions={
          <>
            {can("people.read", data.path) && (
              <Button
                variant="default"
                leftSection={<PeopleIcon size={16} />}
                component={Link}
                to={`/people?unitId=${data.id}`}
              >
                {t("units.detail.viewPeople")}
              </Button>
            )}
            <Button
              variant="default"
              leftSection={<ChannelIcon size={16} />}
              component={Link}
              to={`/channels?unitId=${data.id}`}
            >
              {t("channels.viewOfUnit")}
            </Button>
            {manage && (
              <Button leftSection={<PlusIcon size={16} />} onClick={() => setDialog("create")}>
                {t("units.actions.addChild")}
              </Button>
            )}
            {manage && (
              <Menu position="bottom-end" withinPortal>
                <Menu.Target>
                  <Button variant="default" rightSection={<DotsIcon size={16} />}>
                    {t("units.actions.more")}
                  </Button>
                </Menu.Target>
                <Menu.Dropdown>
                  <Menu.Item onClick={() => setDialog("edit")}>{t("units.actions.edit")}</Menu.Item>
                  {!isRoot && (
                    <Menu.Item onClick={() => setDialog("move")}>{t("units.actions.move")}</Menu.Item>
                  )}
                  {!isRoot && (
                    <Menu.Item onClick={() => setDialog("merge")}>{t("units.actions.merge")}</Menu.Item>
                  )}
                  {!isRoot && (
                    <Menu.Item color="red" onClick={() => setDialog("dissolve")}>
                      {t("units.actions.dissolve")}
                    </Menu.Item>
                  )}
                </Menu.Dropdown>
              </Menu>
            )}
          </>
        }
      />

      <Stack gap="md">
        <Paper withBorder p="md">
          <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="md">
            <Field label={t("units.detail.code")}>{data.code}</Field>
            <Field label={t("units.detail.parent")}>
              {data.parentId ? <UnitLink id={data.parentId} /> : t("units.detail.topLevel")}
            </Field>
            {data.mergedIntoId && (
              <Field label={t("units.detail.mergedInto")}>
                <UnitLink id={data.mergedIntoId} />
              </Field>
            )}
            {data.endedAt && (
              <Field label={t("units.detail.endedAt")}>{formatDate(data.endedAt, i18n.language)}</Field>
            )}
            {data.adminAreaCode && <Field label={t("units.detail.adminArea")}>{data.adminAreaCode}</Field>}
            <Field label={t("units.detail.createdAt")}>{formatDate(data.createdAt, i18n.language)}</Field>
          </SimpleGrid>
        </Paper>

        {can("posts.read", data.path) && (
          <ApprovalPolicyCard unit={{ id: data.id, name: data.name, path: data.path }} />
        )}

        <Paper withBorder p="md">
          <Title order={2} size="h4" mb="sm">
            {t("units.detail.subUnits")}
          </Title>
          {children.isPending ? (
            <LoadingBlock />
          ) : children.isError ? (
            <ErrorBlock error={children.error} onRetry={() => void children.refetch()} />
          ) : children.data.items.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t("units.noChildren")}
            </Text>
          ) : (
            <Stack gap={0}>
              {[...children.data.items]
                .sort((a, b) => a.name.localeCompare(b.name, i18n.language === "en" ? "en" : "vi"))
                .map((child) => (
                  <Group
                    key={child.id}
                    gap={6}
                    py={6}
                    wrap="wrap"
                    style={{ borderBottom: "1px solid var(--mantine-color-gray-2)" }}
                  >
                    <Anchor
                      component={Link}
                      to={`/units/${child.id}`}
                      c={child.status === "active" ? undefined : "dimmed"}
                    >
                      {child.name}
                    </Anchor>
                    <KindBadge kind={child.kind} />
                    <UnitStatusBadge status={child.status} />
                    <Text size="xs" c="dimmed">
                      {t("units.peopleCount", {
                        count: child.peopleCount,
                        n: formatNumber(child.peopleCount, i18n.language),
                      })}
                    </Text>
                  </Group>
                ))}
            </Stack>
          )}
        </Paper>

        <Paper withBorder p="md">
          <Title order={2} size="h4" mb="sm">
            {t("units.detail.history")}
          </Title>
          {history.length === 0 ? (
            <EmptyBlock title={t("common.none")} />
          ) : (
            <Timeline bulletSize={14} lineWidth={2} active={0}>
              {history.map((entry) => (
                <Timeline.Item
                  key={`${entry.validFrom}-${entry.change}`}
                  title={t(`units.change.${entry.change}`, { defaultValue: entry.change })}
                >
                  <Text size="xs" c="dimmed">
                    {entry.validTo === entry.validFrom
                      ? t("units.detail.historyAt", { at: formatDateTime(entry.validFrom, i18n.language) })
                      : `${t("units.detail.historyFrom", { from: formatDateTime(entry.validFrom, i18n.language) })} ${
                          entry.validTo
                            ? t("units.detail.historyTo", {
                                to: formatDateTime(entry.validTo, i18n.language),
                              })
                            : t("units.detail.historyNow")
                        }`}
                  </Text>
                  <Text size="sm">
                    {t(
                      entry.change === "created"
                        ? "units.detail.historyNameFounded"
                        : "units.detail.historyName",
                      {
                        name: entry.name,
                      },
                    )}
                    {entry.status !== "active" &&
                      ` · ${t(`units.status.${entry.status}`, { defaultValue: entry.status })}`}
                  </Text>
                </Timeline.Item>
              ))}
            </Timeline>
          )}
        </Paper>
      </Stack>

      {manage && (
        <>
          <CreateUnitDialog
            parent={data}
            defaultKind={childKind[data.kind] ?? "other"}
            opened={dialog === "create"}
            onClose={() => setDialog(null)}
            onCreated={() => setDialog(null)}
          />
          {dialog === "edit" && <EditUnitDialog unit={data} opened onClose={() => setDialog(null)} />}
          {dialog === "move" && <MoveUnitDialog unit={data} opened onClose={() => setDialog(null)} />}
          {dialog === "merge" && (
            <MergeUnitDialog
              unit={data}
              childCount={activeChildren}
              opened
              onClose={() => setDialog(null)}
              onMerged={(targetId) => {
                setDialog(null);
                navigate(`/units/${targetId}`);
              }}
            />
          )}
          {dialog === "dissolve" && <DissolveUnitDialog unit={data} opened onClose={() => setDialog(null)} />}
        </>
      )}
    </>
  );
}
