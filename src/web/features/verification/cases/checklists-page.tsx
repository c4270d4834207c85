export default function ChecklistsPage() {
  return null;
}
