import { Container } from "@mantine/core";
import type { ReactNode } from "react";
import { Navigate, useLocation } from "react-router";
import { useSession } from "../backend/session.ts";
import { ErrorBlock } from "../components/state-blocks.tsx";
import { ShellPlaceholder } from "../features/home/shell-placeholder.tsx";

/**
 * Lets only signed-in people through; the others go to sign-in and come back afterwards. A person
 * whose role requires 2FA that they have not set up is kept on the profile page until they do.
 */
export function RequireSession({ children }: { children: ReactNode }) {
  const session = useSession();
  const location = useLocation();
  if (session.isPending) {
    return <ShellPlaceholder />;
  }
  if (session.isError) {
    return (
      <Container size="xs" py="xl">
        <ErrorBlock error={session.error} onRetry={() => void session.refetch()} />
      </Container>
    );
  }
  if (!session.data.authenticated) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={next === "/" ? "/sign-in" : `/sign-in?next=${encodeURIComponent(next)}`} replace />;
  }
  if (session.data.security.totpSetupRequired && location.pathname !== "/profile") {
    return <Navigate to="/profile" replace />;
  }
  return children;
}
