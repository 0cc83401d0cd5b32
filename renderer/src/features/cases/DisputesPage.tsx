import type { Route } from '../../router';
import { PageHeader } from '../../components/ui';

export function DisputesPage({ route: _route }: { route: Route }) {
  return <PageHeader title="Oenighet och tvist" />;
}
