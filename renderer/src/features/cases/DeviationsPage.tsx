import type { Route } from '../../router';
import { PageHeader } from '../../components/ui';

export function DeviationsPage({ route: _route }: { route: Route }) {
  return <PageHeader title="Avvikelser" />;
}
