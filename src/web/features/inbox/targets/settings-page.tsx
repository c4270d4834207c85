import { Title } from "@mantine/core";

/** Cài đặt hộp thư STUB (skeleton). */
export default function InboxSettingsPage() {
  return <Title order={2}>Cài đặt hộp thư</Title>;
}
