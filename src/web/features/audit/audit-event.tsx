import { Anchor, Stack, Table, Text } from "@mantine/core";
import { Fragment, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { can, useSignedInSession } from "../../backend/session.ts";
import type { AuditEvent } from "../../backend/types.ts";
import { formatDateTime, formatNumber } from "../../i18n/format.ts";
import { detailLabels, valueWords } from "./audit-fields.ts";
import { auditLinkOf } from "./audit-links.ts";
import { withCounts, wordingOf } from "./audit-wording.ts";

function isEnglish(language: string): boolean {
  return language.startsWith("en");
}

/** The event as one sentence: "Nguyễn Văn A đã duyệt bản đăng Facebook của bài “…” (3 lần)". */
export function AuditSentence({ event }: { event: AuditEvent }) {
  const { t, i18n } = useTranslation();
  const session = useSignedInSession();
  const wording = wordingOf(event.action, i18n.language);
  const details = event.details ?? {};
  const subject = event.subject;
  const template = !subject && wording.alone ? wording.alone : wording.sentence;
  // A link only where the reader may open the page (an administrator cannot read declarations).
  const found = subject ? auditLinkOf(subject, event.details, event.action) : null;
  const link = found && can(session, found.permission) ? found : null;
  const countOf = (value: unknown) =>
    Array.isArray(value) ? value.length : typeof value === "number" ? value : 0;
  const count = (value: unknown) => formatNumber(countOf(value), i18n.language);
  const kindWord = () => {
    const kind = subject?.kind;
    if (!kind) {
      return "";
    }
    return subject?.type === "variant"
      ? t(`posts.target.${kind}`, { defaultValue: kind })
      : t(`channels.platform.${kind}`, { defaultValue: kind });
  };
  const subjectNode = (): ReactNode => {
    if (!subject) {
      return t("audit.unknownSubject");
    }
    const name = subject.name ? `“${subject.name}”` : t("audit.unnamedSubject");
    return link ? (
      <Anchor component={Link} to={link.to} fw={600} inherit>
        {name}
      </Anchor>
    ) : (
      <Text span fw={600} inherit>
        {name}
      </Text>
    );
  };
  const parts: Record<string, () => ReactNode> = {
    actor: () => (
      <Text span fw={600} inherit>
        {event.actorName ?? event.actorLabel ?? t("audit.system")}
      </Text>
    ),
    subject: subjectNode,
    kind: kindWord,
    unit: () => event.unitName ?? t("common.none"),
    role: () => t(`people.role.${String(details.role)}`, { defaultValue: String(details.role ?? "") }),
    created: () => count(details.created),
    count: () => count(details.count ?? details.personIds),
  };
  // A channel of unknown platform: no empty word left between two spaces.
  const counted = withCounts(
    template,
    { count: countOf(details.count ?? details.personIds), created: countOf(details.created) },
    i18n.language,
  );
  const filled = kindWord() ? counted : counted.replace(/\{kind\} ?/g, "");
  const pieces = filled
    .split(/\{(\w+)\}/)
    .map((piece, index) =>
      index % 2 === 0 ? piece : <Fragment key={piece}>{parts[piece]?.() ?? piece}</Fragment>,
    );
  return (
    <Text size="sm" style={{ overflowWrap: "anywhere" }}>
      {pieces}
      {link && !template.includes("{subject}") && (
        <>
          {" · "}
          <Anchor component={Link} to={link.to} inherit>
            {link.words[isEnglish(i18n.language) ? "en" : "vi"]}
          </Anchor>
        </>
      )}
      {event.times > 1 && (
        <Text span c="dimmed" inherit>
          {" "}
          {t("audit.times", { n: formatNumber(event.times, i18n.language) })}
        </Text>
      )}
    </Text>
  );
}

const isoTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** One detail value in words: names for ids, Có/Không, dates in Vietnam time, counts for lists. */
function useValueText(event: AuditEvent): (key: string, value: unknown) => string {
  const { t, i18n } = useTranslation();
  const english = isEnglish(i18n.language);
  const text = (key: string, value: unknown): string => {
    if (value === null || value === undefined || value === "") {
      return t("common.none");
    }
    if (typeof value === "boolean") {
      return value ? t("audit.yes") : t("audit.no");
    }
    if (typeof value === "number") {
      return formatNumber(value, i18n.language);
    }
    if (Array.isArray(value)) {
      if (key === "changed") {
        return value
          .map((field) => detailLabels[String(field)]?.[english ? "en" : "vi"] ?? String(field))
          .join(", ");
      }
      if (key.endsWith("Ids") || key === "alerted" || key === "channels") {
        return formatNumber(value.length, i18n.language);
      }
      if (key.endsWith("Roles")) {
        return value
          .map((role) => t(`people.role.${String(role)}`, { defaultValue: String(role) }))
          .join(", ");
      }
      return value.map((item) => text("", item)).join(", ");
    }
    if (typeof value === "object") {
      return Object.entries(value as Record<string, unknown>)
        .map(
          ([field, inner]) =>
            `${detailLabels[field]?.[english ? "en" : "vi"] ?? field}: ${text(field, inner)}`,
        )
        .join("; ");
    }
    const raw = String(value);
    if (event.refs[raw]) {
      return event.refs[raw] as string;
    }
    if (key === "role") {
      return t(`people.role.${raw}`, { defaultValue: raw });
    }
    if (key === "platform") {
      return t(`channels.platform.${raw}`, { defaultValue: raw });
    }
    if (key === "kind" && event.action.startsWith("unit.")) {
      return t(`units.kind.${raw}`, { defaultValue: raw });
    }
    if (valueWords[raw]) {
      return (valueWords[raw] as { vi: string; en: string })[english ? "en" : "vi"];
    }
    if (isoTime.test(raw)) {
      return formatDateTime(raw, i18n.language);
    }
    return raw;
  };
  return text;
}

/** The event's details as labelled fields, with where and when it happened. */
export function AuditDetails({ event }: { event: AuditEvent }) {
  const { t, i18n } = useTranslation();
  const english = isEnglish(i18n.language);
  const valueText = useValueText(event);
  const rows: [string, string][] = [
    [t("audit.time"), formatDateTime(event.at, i18n.language)],
    ...(event.times > 1
      ? ([[t("audit.firstTime"), formatDateTime(event.firstAt, i18n.language)]] as [string, string][])
      : []),
    [t("audit.action"), wordingOf(event.action, i18n.language).label],
    [t("audit.actor"), [event.actorName, event.actorLabel].filter(Boolean).join(" · ") || t("audit.system")],
    [t("audit.unit"), event.unitName ?? t("common.none")],
    [t("audit.ip"), event.ip ?? t("common.none")],
    ...Object.entries(event.details ?? {})
      .filter(([, value]) => value !== undefined)
      .map(([key, value]): [string, string] => [
        detailLabels[key]?.[english ? "en" : "vi"] ?? key,
        valueText(key, value),
      ]),
  ];
  return (
    <Stack gap="xs">
      <AuditSentence event={event} />
      <Table fz="sm" verticalSpacing={4} layout="fixed">
        <Table.Tbody>
          {rows.map(([label, value]) => (
            <Table.Tr key={label}>
              <Table.Th w="40%" style={{ verticalAlign: "top", fontWeight: 500 }}>
                {label}
              </Table.Th>
              <Table.Td style={{ overflowWrap: "anywhere" }}>{value}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
