import { Button, Card, Group, SegmentedControl, Stack, Text, UnstyledButton } from "@mantine/core";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { can, useSignedInSession } from "../../../backend/session.ts";
import { api } from "../../../backend/typed-client.ts";
import { PlusIcon, UploadIcon } from "../../../components/icons.tsx";
import { PageHeader, useDocumentTitle } from "../../../components/page-header.tsx";
import { PaginationBar } from "../../../components/pagination-bar.tsx";
import { EmptyBlock, ErrorBlock, LoadingBlock } from "../../../components/state-blocks.tsx";
import { formatDateTime } from "../../../i18n/format.ts";
import { AddCandidateDialog, ImportCandidatesDialog } from "./candidate-dialogs.tsx";
import { CandidateDrawer } from "./candidate-drawer.tsx";
import { type CandidateItem, ReasonList, Resemblance, ScoreBar, StatusBadge } from "./candidate-parts.tsx";

const pageSize = 20;
type Status = "candidate" | "confirmed" | "dismissed";

function CandidateCard({ candidate, onOpen }: { candidate: CandidateItem; onOpen: () => void }) {
  const { i18n } = useTranslation();
  return (
    // The name is the button (its accessible name is what it shows); the rest of the card opens it too.
    <Card
      withBorder
      padding="sm"
      data-testid="impersonation-candidate"
      onClick={onOpen}
      style={{ cursor: "pointer" }}
    >
      <Stack gap={6}>
        <Group justify="space-between" wrap="wrap" gap={6}>
          <UnstyledButton
            onClick={(event) => {
              event.stopPropagation();
              onOpen();
            }}
            fw={600}
            style={{ overflowWrap: "anywhere", textAlign: "start" }}
          >
            {candidate.displayName}
          </UnstyledButton>
          <StatusBadge status={candidate.status} />
        </Group>
        <Text size="sm" c="dimmed" style={{ overflowWrap: "anywhere" }}>
          {candidate.url}
        </Text>
        <ScoreBar score={candidate.score} />
        <Resemblance candidate={candidate} />
        <ReasonList reasons={candidate.reasons.slice(0, 3)} />
        <Text size="xs" c="dimmed">
          {candidate.unitName} · {formatDateTime(candidate.createdAt, i18n.language)}
        </Text>
      </Stack>
    </Card>
  );
}

/** The impersonation watch: suspected pages by score, with their decisions. */
export default function ImpersonationCandidatesPage() {
  const { t } = useTranslation();
  useDocumentTitle(t("verification.impersonation.title"));
  const session = useSignedInSession();
  const mayManage = can(session, "cases.manage");
  const [status, setStatus] = useState<Status>("candidate");
  const [page, setPage] = useState(1);
  const [openId, setOpenId] = useState<string | null>(null);
  const [dialog, setDialog] = useState<"add" | "import" | null>(null);
  const list = useQuery({
    queryKey: ["impersonation", "list", { status, page }],
    queryFn: () => api("GET", "/api/impersonation/candidates", { query: { status, page, pageSize } }),
    placeholderData: keepPreviousData,
  });
  const items = list.data?.items ?? [];
  return (
    <Stack>
      <PageHeader
        title={t("verification.impersonation.title")}
        subtitle={t("verification.impersonation.subtitle")}
        actions={
          mayManage ? (
            <Group gap="xs">
              <Button leftSection={<PlusIcon />} onClick={() => setDialog("add")}>
                {t("verification.impersonation.add")}
              </Button>
              <Button variant="default" leftSection={<UploadIcon />} onClick={() => setDialog("import")}>
                {t("verification.impersonation.import")}
              </Button>
            </Group>
          ) : null
        }
      />
      <SegmentedControl
        value={status}
        onChange={(value) => {
          setStatus(value as Status);
          setPage(1);
        }}
        data={[
          { value: "candidate", label: t("verification.impersonation.statusCandidate") },
          { value: "confirmed", label: t("verification.impersonation.statusConfirmed") },
          { value: "dismissed", label: t("verification.impersonation.statusDismissed") },
        ]}
        fullWidth
        orientation="horizontal"
        styles={{ label: { whiteSpace: "normal" } }}
      />
      {list.isPending ? <LoadingBlock /> : null}
      {list.isError ? <ErrorBlock error={list.error} onRetry={() => void list.refetch()} /> : null}
      {list.isSuccess && list.data.total === 0 ? (
        <EmptyBlock title={t("verification.impersonation.empty")} />
      ) : null}
      {items.map((candidate) => (
        <CandidateCard key={candidate.id} candidate={candidate} onOpen={() => setOpenId(candidate.id)} />
      ))}
      {list.data ? (
        <PaginationBar page={page} total={list.data.total} pageSize={pageSize} onChange={setPage} />
      ) : null}
      <CandidateDrawer candidateId={openId} onClose={() => setOpenId(null)} />
      <AddCandidateDialog
        opened={dialog === "add"}
        onClose={(id) => {
          setDialog(null);
          if (id) {
            setStatus("candidate");
            setOpenId(id);
          }
        }}
      />
      <ImportCandidatesDialog opened={dialog === "import"} onClose={() => setDialog(null)} />
    </Stack>
  );
}
