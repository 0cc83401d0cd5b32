import type { Route } from '../../router';
import { PageHeader } from '../../components/ui';

export function LearningPage({ route: _route }: { route: Route }) {
  return <PageHeader title="Lärdomar och vägledande fall" />;
}
