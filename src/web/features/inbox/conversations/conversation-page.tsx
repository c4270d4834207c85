import { Title } from "@mantine/core";

/** Hội thoại STUB (skeleton). */
export default function ConversationPage() {
  return <Title order={2}>Hội thoại</Title>;
}
