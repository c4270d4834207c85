import { Badge } from "@mantine/core";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import type { DeclarationPlatform } from "../../../shared/api/declarations.ts";

/** The member's own accounts, offered first: Regulation 85 is about these. */
export const personalPlatforms = [
  "facebook_profile",
  "zalo_account",
  "tiktok",
  "youtube",
] as const satisfies readonly DeclarationPlatform[];
/** Pages, groups and channels the member runs. */
export const managedPlatforms = [
  "facebook_page",
  "facebook_group",
  "zalo_oa",
  "zalo_group",
  "website",
  "other",
] as const satisfies readonly DeclarationPlatform[];
/** Every kind of declared account, in the order the forms offer them. */
export const declarationPlatforms = [...personalPlatforms, ...managedPlatforms];

type Covers<All, Listed> = [Exclude<All, Listed>] extends [never] ? true : false;
/** A kind of account added on the server but offered by neither list fails the type check here. */
export const everyPlatformOffered: Covers<
  DeclarationPlatform,
  (typeof personalPlatforms)[number] | (typeof managedPlatforms)[number]
> = true;

/** The choice of kind as a grouped list: personal accounts, then what the member runs. */
export function declarationPlatformChoices(t: TFunction) {
  const item = (value: DeclarationPlatform) => ({ value, label: t(`declaredAccounts.platform.${value}`) });
  return [
    { group: t("declaredAccounts.personalGroup"), items: personalPlatforms.map(item) },
    { group: t("declaredAccounts.managedGroup"), items: managedPlatforms.map(item) },
  ];
}

/** The kind of a declared account in words ("Tài khoản Facebook cá nhân"). */
export function DeclarationPlatformBadge({ platform }: { platform: DeclarationPlatform }) {
  const { t } = useTranslation();
  return (
    <Badge variant="outline" color="blue" size="sm" radius="sm" tt="none" style={{ flexShrink: 0 }}>
      {t(`declaredAccounts.platform.${platform}`)}
    </Badge>
  );
}
