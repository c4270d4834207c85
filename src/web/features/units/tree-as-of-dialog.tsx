import { Box, Button, Group, Modal, Stack, Text } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { useQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../backend/typed-client.ts";
import { DateField } from "../../components/date-fields.tsx";
import {
  InvalidFieldNotice,
  useFirstInvalidField,
  useMissingField,
} from "../../components/invalid-field.tsx";
import { EmptyBlock, ErrorBlock, LoadingBlock } from "../../components/state-blocks.tsx";
import { endOfVietnamDay, formatNumber, vietnamToday } from "../../i18n/format.ts";
import { KindBadge, UnitStatusBadge } from "./unit-badges.tsx";

/** The tree with the names, places and statuses units had at the end of a chosen day. */
export function TreeAsOfDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const phone = useMediaQuery("(max-width: 48em)");
  const [day, setDay] = useState(vietnamToday());
  const [shownDay, setShownDay] = useState<string | null>(null);
  const [tried, setTried] = useState(false);
  const invalid = useFirstInvalidField();
  const missing = useMissingField();
  const tree = useQuery({
    queryKey: ["units", "as-of", shownDay],
    queryFn: () => api("GET", "/api/units/tree", { query: { asOf: endOfVietnamDay(shownDay ?? "") } }),
    enabled: opened && shownDay !== null,
  });
  const items = [...(tree.data?.items ?? [])].sort((a, b) =>
    a.path < b.path ? -1 : a.path > b.path ? 1 : 0,
  );
  const topLevel = Math.min(...items.map((item) => item.path.split(".").length));

  return (
    <Modal opened={opened} onClose={onClose} title={t("units.asOf.title")} size="lg" fullScreen={phone}>
      <form
        ref={invalid.formRef}
        noValidate
        onSubmit={(event: FormEvent) => {
          event.preventDefault();
          setTried(true);
          if (day) {
            setShownDay(day);
          }
          invalid.afterSubmit();
        }}
        onChange={invalid.afterInput}
      >
        <Stack gap="xs" mb="md">
          <Text size="sm" c="dimmed">
            {t("units.asOf.hint")}
          </Text>
          <Group align="flex-end" gap="xs">
            <DateField
              label={t("units.asOf.date")}
              value={day}
              max={vietnamToday()}
              required
              onChange={(next) => {
                setDay(next);
                // A day picked on the calendar fires no change event on the form.
                invalid.afterInput();
              }}
              error={tried && !day ? missing.fill(t("units.asOf.date")) : undefined}
              style={{ flex: "1 1 160px" }}
            />
            <Button type="submit">{t("units.asOf.show")}</Button>
          </Group>
          <InvalidFieldNotice message={invalid.message} />
        </Stack>
      </form>
      {shownDay !== null &&
        (tree.isPending ? (
          <LoadingBlock />
        ) : tree.isError ? (
          <ErrorBlock error={tree.error} onRetry={() => void tree.refetch()} />
        ) : items.length === 0 ? (
          <EmptyBlock title={t("units.asOf.empty")} />
        ) : (
          <Box>
            <Text size="sm" fw={500} mb="xs">
              {t("units.asOf.count", { count: items.length, n: formatNumber(items.length, i18n.language) })}
            </Text>
            {items.map((item) => {
              const depth = item.path.split(".").length - topLevel;
              return (
                <Group
                  key={item.id}
                  gap={6}
                  py={4}
                  pl={{ base: depth * 12, sm: depth * 20 }}
                  wrap="wrap"
                  style={{ borderBottom: "1px solid var(--mantine-color-gray-2)" }}
                >
                  <Text size="sm" c={item.status === "active" ? undefined : "dimmed"}>
                    {item.name}
                  </Text>
                  <KindBadge kind={item.kind} />
                  <UnitStatusBadge status={item.status} />
                </Group>
              );
            })}
          </Box>
        ))}
    </Modal>
  );
}
