import type { Route } from '../../router';
import { PageHeader } from '../../components/ui';

export function LibraryPage({ route: _route }: { route: Route }) {
  return <PageHeader title="Bibliotek" />;
}
