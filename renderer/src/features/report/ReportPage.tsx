import type { Route } from '../../router';
import { PageHeader } from '../../components/ui';

export function ReportPage({ route: _route }: { route: Route }) {
  return <PageHeader title="Rapport" />;
}
