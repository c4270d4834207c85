import { MantineProvider } from "@mantine/core";
import { Notifications, notifications } from "@mantine/notifications";
import { QueryClient, QueryClientProvider, useQueryClient } from "@tanstack/react-query";
import { lazy, Suspense, useEffect, useMemo } from "react";
import { useTranslation } from "react-i18next";
import { BrowserRouter, Route, Routes } from "react-router";
import { ApiError, onApiFailure } from "../backend/client.ts";
import { sessionQueryKey } from "../backend/session.ts";
import type { Session } from "../backend/types.ts";
import { LoadingBlock } from "../components/state-blocks.tsx";
import { SignInPage } from "../features/auth/sign-in-page.tsx";
import { ShellPlaceholder } from "../features/home/shell-placeholder.tsx";
import { RequireSession } from "./require-session.tsx";
import { themeIn } from "./theme.ts";

const ForgotPasswordPage = lazy(() => import("../features/auth/forgot-password-page.tsx"));
const ResetPasswordPage = lazy(() => import("../features/auth/reset-password-page.tsx"));
const ConfirmEmailPage = lazy(() => import("../features/auth/confirm-email-page.tsx"));
const InvitationPage = lazy(() => import("../features/auth/invitation-page.tsx"));
const loadSignedInApp = () => import("./signed-in-app.tsx");
const SignedInApp = lazy(loadSignedInApp);

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A refusal or a missing record will not change on retry; a flaky network might.
      retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
      refetchOnWindowFocus: false,
      staleTime: 30_000,
    },
  },
});

/** Reacts to failures that concern the whole session, whichever page caused them. */
function SessionWatcher() {
  const client = useQueryClient();
  const { t } = useTranslation();
  useEffect(
    () =>
      onApiFailure((error) => {
        const session = client.getQueryData<Session>(sessionQueryKey);
        if (error.status === 401 && error.code === "auth.required" && session?.authenticated) {
          client.clear();
          client.setQueryData(sessionQueryKey, { authenticated: false });
          notifications.show({ color: "yellow", message: t("auth.sessionExpired") });
        } else if (error.code === "auth.totp_setup_required" || error.code === "auth.csrf_invalid") {
          void client.invalidateQueries({ queryKey: sessionQueryKey });
        }
      }),
    [client, t],
  );
  return null;
}

/** The whole web app: providers, then the public pages and the signed-in area. */
export function App() {
  const { t } = useTranslation();
  const theme = useMemo(
    () => themeIn({ close: t("common.close"), showPassword: t("common.showPassword") }),
    [t],
  );
  return (
    <MantineProvider theme={theme}>
      {/* At the bottom, toasts never cover the header (language switch, account menu). */}
      <Notifications position="bottom-center" />
      <QueryClientProvider client={queryClient}>
        <BrowserRouter>
          <SessionWatcher />
          <Suspense fallback={<LoadingBlock />}>
            <Routes>
              <Route path="/sign-in" element={<SignInPage />} />
              <Route path="/forgot-password" element={<ForgotPasswordPage />} />
              <Route path="/reset-password" element={<ResetPasswordPage />} />
              <Route path="/confirm-email" element={<ConfirmEmailPage />} />
              <Route path="/moi/:token" element={<InvitationPage />} />
              <Route
                path="/*"
                element={
                  <RequireSession>
                    {/* The frame paints while the signed-in code arrives. */}
                    <Suspense fallback={<ShellPlaceholder />}>
                      <SignedInApp />
                    </Suspense>
                  </RequireSession>
                }
              />
            </Routes>
          </Suspense>
        </BrowserRouter>
      </QueryClientProvider>
    </MantineProvider>
  );
}
