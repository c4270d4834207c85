import { Button, Container } from "@mantine/core";
import { lazy, Suspense } from "react";
import { useTranslation } from "react-i18next";
import { Link, Route, Routes } from "react-router";
import { EmptyBlock, LoadingBlock } from "../components/state-blocks.tsx";
import { GoHome, ServerPage } from "../features/home/go-home.tsx";
import { Allowed } from "./allowed.tsx";
import { AppLayout } from "./app-layout.tsx";
import { inboxRoutes } from "./inbox-routes.tsx";

const UnitsPage = lazy(() => import("../features/units/units-page.tsx"));
const UnitDetailPage = lazy(() => import("../features/units/unit-detail-page.tsx"));
const PeoplePage = lazy(() => import("../features/people/people-page.tsx"));
const ImportPage = lazy(() => import("../features/people/import-page.tsx"));
const ChannelsPage = lazy(() => import("../features/channels/channels-page.tsx"));
const ChannelDetailPage = lazy(() => import("../features/channels/channel-detail-page.tsx"));
const ChannelImportPage = lazy(() => import("../features/channels/channel-import-page.tsx"));
const MediaPage = lazy(() => import("../features/media/media-page.tsx"));
const PostsPage = lazy(() => import("../features/posts/posts-page.tsx"));
// The editor (with its rich-text library) loads only when a post is opened.
const PostEditorPage = lazy(() => import("../features/posts/post-editor-page.tsx"));
const PostVersionsPage = lazy(() => import("../features/posts/versions-page.tsx"));
const CalendarPage = lazy(() => import("../features/posts/calendar-page.tsx"));
const MyStoriesPage = lazy(() => import("../features/stories/my-stories-page.tsx"));
const MyAccountsPage = lazy(() => import("../features/declarations/my-accounts-page.tsx"));
const DeclarationRequestsPage = lazy(() => import("../features/declarations/requests-page.tsx"));
const DeclarationRequestDetailPage = lazy(() => import("../features/declarations/request-detail-page.tsx"));
const DeclarationAlertsPage = lazy(() => import("../features/declarations/alerts-page.tsx"));
const DeclarationReviewPage = lazy(() => import("../features/declarations/review-page.tsx"));
// The member's feed is its own small chunk (no charts, no editor), for phones on slow networks.
const KitsPage = lazy(() => import("../features/advocacy/kits-page.tsx"));
const KitNewPage = lazy(() => import("../features/advocacy/kit-new-page.tsx"));
const KitDetailPage = lazy(() => import("../features/advocacy/kit-detail-page.tsx"));
const CampaignsPage = lazy(() => import("../features/advocacy/campaigns-page.tsx"));
const CampaignDetailPage = lazy(() => import("../features/advocacy/campaign-detail-page.tsx"));
const AuditPage = lazy(() => import("../features/audit/audit-page.tsx"));
const ProfilePage = lazy(() => import("../features/profile/profile-page.tsx"));
const DeskPage = lazy(() => import("../features/home/desk-page.tsx"));
const OverviewPage = lazy(() => import("../features/home/overview-page.tsx"));
const ApprovalsPage = lazy(() => import("../features/approvals/approvals-page.tsx"));
const NotificationsPage = lazy(() => import("../features/notifications/notifications-page.tsx"));
const MemberTipPage = lazy(() => import("../features/verification/tips/member-tip-page.tsx"));
const CaseQueuePage = lazy(() => import("../features/verification/cases/queue-page.tsx"));
const CasePage = lazy(() => import("../features/verification/cases/case-page.tsx"));
const ChecklistsPage = lazy(() => import("../features/verification/cases/checklists-page.tsx"));
const ImpersonationCandidatesPage = lazy(
  () => import("../features/verification/impersonation/candidates-page.tsx"),
);
const IndicatorsPage = lazy(() => import("../features/verification/indicators/indicators-page.tsx"));
const VerificationMetricsPage = lazy(() => import("../features/verification/indicators/metrics-page.tsx"));

function NotFound() {
  const { t } = useTranslation();
  return (
    <Container size="sm">
      <EmptyBlock title={t("errors.notFoundTitle")}>
        <span>{t("errors.notFoundBody")}</span>
        <Button component={Link} to="/" variant="light" mt="md">
          {t("errors.goHome")}
        </Button>
      </EmptyBlock>
    </Container>
  );
}

/** The signed-in area, loaded after sign-in so the first page stays small. */
export default function SignedInApp() {
  return (
    <AppLayout>
      <Suspense fallback={<LoadingBlock />}>
        <Routes>
          <Route index element={<GoHome />} />
          {/* The member's feed is a server page; a client link that reaches it loads it whole. */}
          <Route path="share" element={<ServerPage to="/share" />} />
          <Route
            path="desk"
            element={
              <Allowed permission="posts.read">
                <DeskPage />
              </Allowed>
            }
          />
          <Route
            path="approvals"
            element={
              <Allowed permission="posts.approve">
                <ApprovalsPage />
              </Allowed>
            }
          />
          <Route path="notifications" element={<NotificationsPage />} />
          <Route
            path="overview"
            element={
              <Allowed permission="people.read">
                <OverviewPage />
              </Allowed>
            }
          />
          <Route
            path="units"
            element={
              <Allowed permission="units.read">
                <UnitsPage />
              </Allowed>
            }
          />
          <Route
            path="units/:id"
            element={
              <Allowed permission="units.read">
                <UnitDetailPage />
              </Allowed>
            }
          />
          <Route
            path="people"
            element={
              <Allowed permission="people.read">
                <PeoplePage />
              </Allowed>
            }
          />
          <Route
            path="people/import"
            element={
              <Allowed permission="people.manage">
                <ImportPage />
              </Allowed>
            }
          />
          <Route
            path="channels"
            element={
              <Allowed permission="units.read">
                <ChannelsPage />
              </Allowed>
            }
          />
          <Route
            path="channels/import"
            element={
              <Allowed permission="channels.manage">
                <ChannelImportPage />
              </Allowed>
            }
          />
          <Route
            path="channels/:id"
            element={
              <Allowed permission="units.read">
                <ChannelDetailPage />
              </Allowed>
            }
          />
          <Route
            path="media"
            element={
              <Allowed permission="units.read">
                <MediaPage />
              </Allowed>
            }
          />
          <Route
            path="posts"
            element={
              <Allowed permission="posts.read">
                <PostsPage />
              </Allowed>
            }
          />
          <Route
            path="posts/new"
            element={
              <Allowed permission="posts.write">
                <PostEditorPage />
              </Allowed>
            }
          />
          <Route
            path="posts/:id"
            element={
              <Allowed permission="posts.read">
                <PostEditorPage />
              </Allowed>
            }
          />
          <Route path="my-stories" element={<MyStoriesPage />} />
          <Route
            path="posts/:id/versions"
            element={
              <Allowed permission="posts.read">
                <PostVersionsPage />
              </Allowed>
            }
          />
          <Route
            path="calendar"
            element={
              <Allowed permission="posts.read">
                <CalendarPage />
              </Allowed>
            }
          />
          <Route path="my-accounts" element={<MyAccountsPage />} />
          <Route
            path="declarations/requests"
            element={
              <Allowed permission="declarations.manage">
                <DeclarationRequestsPage />
              </Allowed>
            }
          />
          <Route
            path="declarations/requests/:id"
            element={
              <Allowed permission="declarations.manage">
                <DeclarationRequestDetailPage />
              </Allowed>
            }
          />
          <Route
            path="declarations/alerts"
            element={
              <Allowed permission="declarations.manage">
                <DeclarationAlertsPage />
              </Allowed>
            }
          />
          <Route
            path="declarations"
            element={
              <Allowed permission="declarations.view">
                <DeclarationReviewPage />
              </Allowed>
            }
          />
          <Route
            path="share-kits"
            element={
              <Allowed permission="advocacy.manage">
                <KitsPage />
              </Allowed>
            }
          />
          <Route
            path="share-kits/new"
            element={
              <Allowed permission="advocacy.manage">
                <KitNewPage />
              </Allowed>
            }
          />
          <Route
            path="share-kits/:id"
            element={
              <Allowed permission="advocacy.manage">
                <KitDetailPage />
              </Allowed>
            }
          />
          <Route
            path="campaigns"
            element={
              <Allowed permission="advocacy.manage">
                <CampaignsPage />
              </Allowed>
            }
          />
          <Route
            path="campaigns/:id"
            element={
              <Allowed permission="advocacy.manage">
                <CampaignDetailPage />
              </Allowed>
            }
          />
          <Route
            path="audit"
            element={
              <Allowed permission="audit.read">
                <AuditPage />
              </Allowed>
            }
          />
          {inboxRoutes()}
          <Route path="verification/report" element={<MemberTipPage />} />
          <Route
            path="verification"
            element={
              <Allowed permission="cases.read">
                <CaseQueuePage />
              </Allowed>
            }
          />
          <Route
            path="verification/cases/:id"
            element={
              <Allowed permission="cases.read">
                <CasePage />
              </Allowed>
            }
          />
          <Route
            path="verification/checklists"
            element={
              <Allowed permission="cases.manage">
                <ChecklistsPage />
              </Allowed>
            }
          />
          <Route
            path="verification/impersonation"
            element={
              <Allowed permission="cases.read">
                <ImpersonationCandidatesPage />
              </Allowed>
            }
          />
          <Route
            path="verification/indicators"
            element={
              <Allowed permission="cases.read">
                <IndicatorsPage />
              </Allowed>
            }
          />
          <Route
            path="verification/metrics"
            element={
              <Allowed permission="cases.read">
                <VerificationMetricsPage />
              </Allowed>
            }
          />
          <Route path="profile" element={<ProfilePage />} />
          <Route path="*" element={<NotFound />} />
        </Routes>
      </Suspense>
    </AppLayout>
  );
}
