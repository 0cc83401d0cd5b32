import type { Route } from '../../router';
import { PageHeader } from '../../components/ui';

export function DashboardPage({ route: _route }: { route: Route }) {
  return <PageHeader title="Översikt" />;
}
