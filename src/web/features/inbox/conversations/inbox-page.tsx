import { InboxLayout } from "./inbox-layout.tsx";

/** /inbox: the conversations of the person's units, live. */
export default function InboxPage() {
  return <InboxLayout />;
}
