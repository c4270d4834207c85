import { Title } from "@mantine/core";

/** Quá hạn STUB (skeleton). */
export default function BreachesPage() {
  return <Title order={2}>Quá hạn</Title>;
}
