import { Title } from "@mantine/core";

/** Lịch trực STUB (skeleton). */
export default function RosterPage() {
  return <Title order={2}>Lịch trực</Title>;
}
