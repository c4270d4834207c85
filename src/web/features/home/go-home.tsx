import { useEffect } from "react";
import { Navigate } from "react-router";
import { useSignedInSession } from "../../backend/session.ts";
import { LoadingBlock } from "../../components/state-blocks.tsx";
import { chosenLanguage } from "../../i18n/index.ts";
import { homeOf, serverPageAddress } from "./home-route.ts";

/** Opens a page the server renders (a full page load): a client route would not find it. */
export function ServerPage({ to }: { to: string }) {
  useEffect(() => {
    window.location.replace(serverPageAddress(to, chosenLanguage()));
  }, [to]);
  return <LoadingBlock />;
}

/** The app's address `/` (and where sign-in brings people back): each person's own home. */
export function GoHome() {
  const home = homeOf(useSignedInSession());
  return home.serverPage ? <ServerPage to={home.to} /> : <Navigate to={home.to} replace />;
}
