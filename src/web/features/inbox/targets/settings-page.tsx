import { Stack, Tabs } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useSignedInSession } from "../../../backend/session.ts";
import { useListFilters } from "../../../components/list-filters.ts";
import { PageHeader } from "../../../components/page-header.tsx";
import { UnitFilter, useUnitFilter } from "../../../components/unit-filter.tsx";
import { InboxLinks } from "../roster/inbox-links.tsx";
import { CannedRepliesPanel } from "./canned-replies-panel.tsx";
import { OfficesPanel } from "./offices-panel.tsx";
import { SettingsForm } from "./settings-form.tsx";

const sections = ["targets", "canned", "offices"] as const;
type Section = (typeof sections)[number];

/** "Cài đặt hộp thư": a unit's targets, auto-reply and retention, its canned replies and its offices. */
export default function InboxSettingsPage() {
  const { t } = useTranslation();
  const session = useSignedInSession();
  const { value, setFilters } = useListFilters();
  const unitId = value("unitId") || session.person.unitId;
  const section = (sections as readonly string[]).includes(value("tab"))
    ? (value("tab") as Section)
    : "targets";
  const unitFilter = useUnitFilter(unitId, (id) => setFilters({ unitId: id }));
  return (
    <>
      <InboxLinks />
      <PageHeader title={t("inbox.targets.settings.title")} subtitle={t("inbox.targets.settings.subtitle")} />
      <Stack gap="sm">
        <div style={{ maxWidth: 420 }}>
          <UnitFilter label={t("inbox.targets.unit")} permission="inbox.manage" filter={unitFilter} />
        </div>
        <Tabs
          value={section}
          onChange={(next) => setFilters({ tab: next === "targets" ? null : next }, true)}
          keepMounted={false}
        >
          <Tabs.List mb="sm">
            {sections.map((key) => (
              <Tabs.Tab key={key} value={key}>
                {t(`inbox.targets.settings.sections.${key}`)}
              </Tabs.Tab>
            ))}
          </Tabs.List>
          <Tabs.Panel value="targets">
            <SettingsForm key={unitId} unitId={unitId} />
          </Tabs.Panel>
          <Tabs.Panel value="canned">
            <CannedRepliesPanel unitId={unitId} />
          </Tabs.Panel>
          <Tabs.Panel value="offices">
            <OfficesPanel unitId={unitId} />
          </Tabs.Panel>
        </Tabs>
      </Stack>
    </>
  );
}
