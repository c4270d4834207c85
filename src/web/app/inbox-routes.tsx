import { lazy } from "react";
import { Route } from "react-router";
import { Allowed } from "./allowed.tsx";

const InboxPage = lazy(() => import("../features/inbox/conversations/inbox-page.tsx"));
const ConversationPage = lazy(() => import("../features/inbox/conversations/conversation-page.tsx"));
const RosterPage = lazy(() => import("../features/inbox/roster/roster-page.tsx"));
const MyShiftsPage = lazy(() => import("../features/inbox/roster/my-shifts-page.tsx"));
const InboxSettingsPage = lazy(() => import("../features/inbox/targets/settings-page.tsx"));
const BreachesPage = lazy(() => import("../features/inbox/targets/breaches-page.tsx"));
const InboxFiguresPage = lazy(() => import("../features/inbox/targets/figures-page.tsx"));

/**
 * The inbox's pages (conversations, roster, targets), as children of the signed-in app's routes: a
 * fragment of <Route> elements, which React Router reads as if they were written in place.
 */
export function inboxRoutes() {
  return (
    <>
      <Route
        path="inbox"
        element={
          <Allowed permission="inbox.read">
            <InboxPage />
          </Allowed>
        }
      />
      <Route
        path="inbox/c/:id"
        element={
          <Allowed permission="inbox.read">
            <ConversationPage />
          </Allowed>
        }
      />
      <Route
        path="inbox/roster"
        element={
          <Allowed permission="inbox.read">
            <RosterPage />
          </Allowed>
        }
      />
      <Route path="inbox/my-shifts" element={<MyShiftsPage />} />
      <Route
        path="inbox/settings"
        element={
          <Allowed permission="inbox.manage">
            <InboxSettingsPage />
          </Allowed>
        }
      />
      <Route
        path="inbox/breaches"
        element={
          <Allowed permission="inbox.read">
            <BreachesPage />
          </Allowed>
        }
      />
      <Route
        path="inbox/figures"
        element={
          <Allowed permission="inbox.read">
            <InboxFiguresPage />
          </Allowed>
        }
      />
    </>
  );
}
