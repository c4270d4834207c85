import { Alert, Box, Button, Group, List, Stack, Text, Textarea, TextInput } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { VariantDetail, VariantProblem } from "../../backend/types.ts";
import { FormError } from "../../components/state-blocks.tsx";
import { formatNumber } from "../../i18n/format.ts";
import { MediaField } from "./media-field.tsx";
import { charCount, isArticleTarget, targetRules } from "./posts-api.ts";
import { RichTextField } from "./rich-text-field.tsx";
import type { VariantDraft } from "./variant-draft.ts";

/** The server's findings on one field, in the reader's language, for the field's error line. */
function problemText(problems: VariantProblem[], field: VariantProblem["field"], language: string) {
  const found = problems.filter((problem) => problem.field === field);
  if (found.length === 0) {
    return undefined;
  }
  return found.map((problem) => (language === "en" ? problem.en : problem.vi)).join(" ");
}

/** A live count against the platform's limit, red once over it. */
function Counter({ text, max }: { text: string; max: number }) {
  const { t, i18n } = useTranslation();
  const n = charCount(text);
  return (
    <Text
      size="xs"
      c={n > max ? "red.7" : "dimmed"}
      ta="right"
      aria-live="polite"
      data-testid="variant-body-count"
    >
      {t("posts.variant.count", { n: formatNumber(n, i18n.language), max: formatNumber(max, i18n.language) })}
    </Text>
  );
}

/**
 * A variant's own text, link and media, checked against its platform: the server's findings on
 * the saved text sit above the fields and under each field they concern.
 */
export function VariantContentFields({
  variant,
  draft,
  editable,
  unit,
}: {
  variant: VariantDetail;
  draft: VariantDraft;
  editable: boolean;
  unit: { id: string; path: string; name: string };
}) {
  const { t, i18n } = useTranslation();
  const rules = targetRules[variant.target];
  const article = isArticleTarget(variant.target);
  const locked = variant.status === "publishing" || variant.status === "published";
  const problems = variant.problems;
  const language = i18n.language;
  return (
    <>
      {problems.length > 0 && !locked && (
        <Alert
          color="yellow"
          variant="light"
          title={t("posts.variant.problemsTitle")}
          data-testid="variant-problems"
        >
          <List size="sm" spacing={2}>
            {problems.map((problem) => (
              <List.Item key={problem.code}>{language === "en" ? problem.en : problem.vi}</List.Item>
            ))}
          </List>
          {draft.dirty && (
            <Text size="xs" c="dimmed" mt={4}>
              {t("posts.variant.problemsOfSaved")}
            </Text>
          )}
        </Alert>
      )}

      {rules.title && (
        <TextInput
          label={t("posts.variant.title")}
          value={draft.fields.title}
          onChange={(event) => draft.set({ title: event.currentTarget.value })}
          readOnly={!editable}
          maxLength={300}
          error={problemText(problems, "title", language)}
          description={
            rules.titleMax
              ? t("posts.variant.titleMax", { n: charCount(draft.fields.title), max: rules.titleMax })
              : undefined
          }
          data-testid="variant-title"
        />
      )}
      {article ? (
        <RichTextField
          key={`${variant.id}-${variant.contentVersion}`}
          label={t("posts.variant.body")}
          value={variant.body}
          onChange={(body) => draft.set({ body })}
          readOnly={!editable}
          error={problemText(problems, "body", language)}
          data-testid="variant-body"
        />
      ) : (
        <Box>
          <Textarea
            label={t("posts.variant.text")}
            description={t("posts.variant.plainHint")}
            value={draft.fields.body}
            onChange={(event) => draft.set({ body: event.currentTarget.value })}
            readOnly={!editable}
            autosize
            minRows={4}
            maxRows={16}
            error={problemText(problems, "body", language)}
            data-testid="variant-body"
          />
          <Counter text={draft.fields.body} max={rules.bodyMax} />
        </Box>
      )}
      {rules.link && (
        <TextInput
          type="url"
          label={t("posts.variant.link")}
          placeholder="https://"
          value={draft.fields.linkUrl}
          onChange={(event) => draft.set({ linkUrl: event.currentTarget.value })}
          readOnly={!editable}
          error={problemText(problems, "linkUrl", language)}
          data-testid="variant-link"
        />
      )}
      <MediaField
        label={t("posts.variant.media")}
        unit={unit}
        value={draft.fields.mediaIds}
        onChange={(mediaIds) => draft.set({ mediaIds })}
        kind={rules.media.kind}
        max={rules.media.max}
        disabled={!editable}
        error={problemText(problems, "media", language)}
        data-testid="variant-media"
      />
      {editable && (
        <Stack gap={4}>
          {variant.status !== "draft" && draft.dirty && (
            <Text size="sm" c="orange.8">
              {t("posts.variant.backToDraft")}
            </Text>
          )}
          <FormError error={draft.save.error} />
          <Group>
            <Button
              variant={draft.dirty ? "filled" : "default"}
              disabled={!draft.dirty}
              loading={draft.save.isPending}
              onClick={() => draft.save.mutate()}
              data-testid="variant-save"
            >
              {t("posts.variant.save")}
            </Button>
            {draft.dirty && (
              <Button variant="subtle" color="gray" onClick={draft.discard}>
                {t("posts.variant.discard")}
              </Button>
            )}
          </Group>
        </Stack>
      )}
    </>
  );
}
