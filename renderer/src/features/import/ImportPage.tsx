import type { Route } from '../../router';
import { formatInt } from '../../../../shared/format';
import { PageHeader } from '../../components/ui';
import { SubNav } from '../../components/SubNav';
import { useWorkspace } from '../../workspace-context';
import { NewImport } from './NewImport';
import { QuarantinePage } from './QuarantinePage';
import { BatchPage, HistoryPage } from './HistoryPage';
import { ProfilesPage } from './ProfilesPage';
import { PopulationPage } from './PopulationPage';

/** /import, /import/karantan, /import/historik, /import/batch/ID, /import/profiler, /import/folkmangd */
export function ImportPage({ route }: { route: Route }) {
  const { info } = useWorkspace();
  const sub = route.segments[1];
  const q = info.counts.quarantineOpen;
  const titles: Record<string, [string, string]> = {
    karantan: ['Karantän', 'Rader som inte klarade kontrollen vid import. Rätta ett värde och validera igen, eller kasta raden.'],
    historik: ['Importhistorik', 'Alla importer med fil, kontrollsumma och utfall.'],
    batch: ['Importhistorik', 'En import och dess rapport.'],
    profiler: ['Mappningsprofiler', 'Sparade kopplingar mellan exportfilers kolumner och Samsyns fält.'],
    folkmangd: ['Folkmängd', 'Befolkningssiffror per kommun för tal per 10 000 invånare.'],
  };
  const [title, intro] = (sub && titles[sub]) || [
    'Import',
    'Läs in avvikelser från MedControl PRO, en logg över oenighet och tvist, eller SCB:s folkmängd. Du granskar kopplingen innan något sparas.',
  ];
  return (
    <>
      <PageHeader title={title} intro={intro} />
      <SubNav
        label="Import"
        current={route.path}
        items={[
          { path: '/import', label: 'Ny import' },
          { path: '/import/karantan', label: <>Karantän{q > 0 ? <span className="count-pill"> ({formatInt(q)})</span> : null}</> },
          { path: '/import/historik', label: 'Importhistorik', alsoFor: ['/import/batch'] },
          { path: '/import/profiler', label: 'Mappningsprofiler' },
          { path: '/import/folkmangd', label: 'Folkmängd' },
        ]}
      />
      {sub === 'karantan' ? (
        <QuarantinePage route={route} />
      ) : sub === 'historik' ? (
        <HistoryPage />
      ) : sub === 'batch' ? (
        <BatchPage id={Number(route.segments[2])} />
      ) : sub === 'profiler' ? (
        <ProfilesPage />
      ) : sub === 'folkmangd' ? (
        <PopulationPage />
      ) : (
        <NewImport />
      )}
    </>
  );
}
