/**
 * End-to-end test of the web app against the real server and a real Chromium on a phone-sized
 * screen. Run with `node test/e2e/run.ts`: the harness builds the web app if needed, starts the
 * server on a free port with a fresh embedded database, and the journeys walk people through the
 * app, in this order (later ones use what the demo data and earlier ones left).
 * Screenshots go to .test-artifacts/e2e/.
 */
import "./harness.ts";
import "./journeys/administration.ts";
import "./journeys/channels.ts";
import "./journeys/declarations.ts";
import "./journeys/publishing.ts";
import "./journeys/share-kits.ts";
import "./journeys/noticed.ts";
import "./journeys/homes.ts";
import "./journeys/audit-import.ts";
import "./journeys/connect-page.ts";
import "./journeys/connect-sign-in.ts";
import "./journeys/approvals.ts";
import "./journeys/portal.ts";
import "./journeys/forms.ts";
import "./journeys/invitations.ts";
import "./journeys/verification.ts";
import "./journeys/inbox.ts";
import "./journeys/inbox-roster.ts";
import "./journeys/bad-addresses.ts";
// Keep last: it checks every page, including the ones the journeys above create.
import "./journeys/axe.ts";
