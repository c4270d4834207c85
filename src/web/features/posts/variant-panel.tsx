import { Box, Button, Collapse, Divider, Stack } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { useTranslation } from "react-i18next";
import type { PostDetail, VariantDetail } from "../../backend/types.ts";
import { ChevronDownIcon, ChevronRightIcon } from "../../components/icons.tsx";
import { VariantActions } from "./variant-actions.tsx";
import { VariantContentFields } from "./variant-content-fields.tsx";
import { useVariantDraft } from "./variant-draft.ts";
import { VariantHistory } from "./variant-history.tsx";
import { VariantNextApproval } from "./variant-next-approval.tsx";
import { VariantApprovals, VariantHeader, VariantStatusNotes } from "./variant-status.tsx";

/**
 * One channel's version of a post: its own text and media checked against the platform, its
 * approvals, and the actions its status allows to this person.
 */
export function VariantPanel(props: {
  post: PostDetail;
  variant: VariantDetail;
  unit: { id: string; path: string; name: string };
  mayWrite: boolean;
}) {
  const { post, variant } = props;
  const { t } = useTranslation();
  const locked = variant.status === "publishing" || variant.status === "published";
  const draft = useVariantDraft(variant);
  const [historyOpen, { toggle: toggleHistory }] = useDisclosure(false);

  return (
    <Stack gap="sm" data-testid="variant-panel" data-target={variant.target} data-status={variant.status}>
      <VariantHeader variant={variant} />
      <VariantStatusNotes variant={variant} />
      <VariantApprovals variant={variant} needsSecond={post.approvalsNeeded === 2} />
      <VariantNextApproval variant={variant} />
      <VariantActions variant={variant} mayWrite={props.mayWrite} dirty={draft.dirty} />

      <Divider />

      <VariantContentFields
        variant={variant}
        draft={draft}
        editable={props.mayWrite && !locked}
        unit={props.unit}
      />

      <Divider />
      <Box>
        <Button
          variant="subtle"
          size="xs"
          px={0}
          onClick={toggleHistory}
          aria-expanded={historyOpen}
          leftSection={historyOpen ? <ChevronDownIcon size={14} /> : <ChevronRightIcon size={14} />}
          data-testid="variant-history-toggle"
        >
          {t("posts.history.title")}
        </Button>
        <Collapse expanded={historyOpen}>
          <Box pt="xs">{historyOpen && <VariantHistory variantId={variant.id} />}</Box>
        </Collapse>
      </Box>
    </Stack>
  );
}
