export default function IndicatorsPage() {
  return null;
}
