import type { ReactNode } from 'react';
import type { Route } from './router';
import { DashboardPage } from './features/dashboard/DashboardPage';
import { ImportPage } from './features/import/ImportPage';
import { DeviationsPage } from './features/cases/DeviationsPage';
import { DisputesPage } from './features/cases/DisputesPage';
import { LearningPage } from './features/learning/LearningPage';
import { LibraryPage } from './features/library/LibraryPage';
import { ReportPage } from './features/report/ReportPage';
import { SettingsPage } from './features/settings/SettingsPage';
import { HelpPage } from './features/help/HelpPage';
import { SearchPage } from './features/search/SearchPage';

/** Route → page. Each feature owns its sub-routes (e.g. /avvikelser/12). */
export function routes(route: Route): ReactNode {
  const [first] = route.segments;
  switch (first) {
    case 'import':
      return <ImportPage route={route} />;
    case 'avvikelser':
      return <DeviationsPage route={route} />;
    case 'tvister':
      return <DisputesPage route={route} />;
    case 'larande':
      return <LearningPage route={route} />;
    case 'bibliotek':
      return <LibraryPage route={route} />;
    case 'rapport':
      return <ReportPage route={route} />;
    case 'installningar':
      return <SettingsPage />;
    case 'hjalp':
      return <HelpPage />;
    case 'sok':
      return <SearchPage route={route} />;
    default:
      return <DashboardPage route={route} />;
  }
}
