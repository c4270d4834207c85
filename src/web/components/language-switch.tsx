import { SegmentedControl } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { currentLanguage, type Language, setLanguage } from "../i18n/index.ts";

/** VI / EN switch, shown on every page; the choice is remembered on this device. */
export function LanguageSwitch({ size = "xs" }: { size?: "xs" | "sm" }) {
  const { t } = useTranslation();
  return (
    <SegmentedControl
      size={size}
      aria-label={t("language.label")}
      value={currentLanguage()}
      onChange={(value) => void setLanguage(value as Language)}
      data={[
        { value: "vi", label: <span title={t("language.vi")}>{t("language.short_vi")}</span> },
        { value: "en", label: <span title={t("language.en")}>{t("language.short_en")}</span> },
      ]}
    />
  );
}
