import { useParams } from "react-router";
import { ConversationView } from "./conversation-view.tsx";
import { InboxLayout } from "./inbox-layout.tsx";

/** /inbox/c/:id: one conversation, beside the list on a wide screen, alone on a phone. */
export default function ConversationPage() {
  const { id = "" } = useParams();
  return (
    <InboxLayout conversationId={id}>
      <ConversationView key={id} id={id} />
    </InboxLayout>
  );
}
