import type { Route } from '../../router';
import { formatInt } from '../../../../shared/format';
import { useApi } from '../../api/hooks';
import { PageHeader } from '../../components/ui';
import { SubNav } from '../../components/SubNav';
import { ExportTab } from './ExportTab';
import { ImportTab } from './ImportTab';
import { ConflictsTab } from './ConflictsTab';
import { KeysTab } from './KeysTab';
import { ProfileFilesTab } from './ProfileFilesTab';

/** /bibliotek (export), /bibliotek/las-in, /bibliotek/konflikter, /bibliotek/avsandare, /bibliotek/profiler */
export function LibraryPage({ route }: { route: Route }) {
  const sub = route.segments[1];
  const conflicts = useApi('library.conflicts', {});
  const n = conflicts.data?.length ?? 0;
  return (
    <>
      <PageHeader
        title="Bibliotek"
        intro="Dela vägledande fall med andra delregioner som en signerad fil – och läs in deras. Du ser alltid vem som signerat filen och vad som ändras innan något sparas."
      />
      <SubNav
        label="Bibliotek"
        current={route.path}
        items={[
          { path: '/bibliotek', label: 'Exportera' },
          { path: '/bibliotek/las-in', label: 'Läs in' },
          { path: '/bibliotek/konflikter', label: <>Konflikter{n > 0 ? ` (${formatInt(n)})` : ''}</> },
          { path: '/bibliotek/avsandare', label: 'Betrodda avsändare' },
          { path: '/bibliotek/profiler', label: 'Mappningsprofiler' },
        ]}
      />
      {sub === 'las-in' ? (
        <ImportTab onApplied={conflicts.reload} />
      ) : sub === 'konflikter' ? (
        <ConflictsTab onChanged={conflicts.reload} />
      ) : sub === 'avsandare' ? (
        <KeysTab />
      ) : sub === 'profiler' ? (
        <ProfileFilesTab />
      ) : (
        <ExportTab />
      )}
    </>
  );
}
