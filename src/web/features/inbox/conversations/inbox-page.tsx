import { Title } from "@mantine/core";

/** Hộp thư STUB (skeleton). */
export default function InboxPage() {
  return <Title order={2}>Hộp thư</Title>;
}
