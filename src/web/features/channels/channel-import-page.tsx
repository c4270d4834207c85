import { useTranslation } from "react-i18next";
import { channelTemplate } from "../../../shared/import-templates.ts";
import { api } from "../../backend/typed-client.ts";
import { SpreadsheetImport } from "../imports/spreadsheet-import.tsx";

const fieldLabelKeys: Record<string, string> = {
  url: "channels.fields.url",
  displayName: "channels.fields.displayName",
  platform: "channels.fields.platform",
  unit: "channels.fields.unit",
  followers: "channels.fields.followerCount",
};

/** Import a unit's inventory of channels from XLSX/CSV: check first (every bad row shown), then import. */
export default function ChannelImportPage() {
  const { t } = useTranslation();
  return (
    <SpreadsheetImport
      check={(body) => api("POST", "/api/channels/import/preview", { body })}
      run={(body) => api("POST", "/api/channels/import", { body })}
      invalidates={[["channels"]]}
      permission="channels.manage"
      template={channelTemplate}
      textKeys={{
        title: "channels.importPage.title",
        intro: "channels.importPage.intro",
        unitHint: "channels.importPage.unitHint",
        templateFileName: "channels.importPage.templateFileName",
        done: "channels.importPage.done",
        viewList: "channels.importPage.viewChannels",
      }}
      listPath="/channels"
      fieldLabelKeys={fieldLabelKeys}
      errorFieldWidth={110}
      sampleMinWidth={560}
      sampleColumns={[
        { labelKey: "channels.fields.displayName", render: (row) => row.displayName },
        { labelKey: "channels.fields.platform", render: (row) => t(`channels.platform.${row.platform}`) },
        { labelKey: "channels.fields.url", render: (row) => row.url, breakAnywhere: true },
        { labelKey: "channels.fields.unit", render: (row) => row.unitName },
      ]}
    />
  );
}
