import type { Route } from '../../router';
import { PageHeader } from '../../components/ui';

export function ImportPage({ route: _route }: { route: Route }) {
  return <PageHeader title="Import" />;
}
