export interface NavItem {
  path: string;
  label: string;
}

/** The main navigation, in the order of the analyst's work. */
export const navItems: NavItem[] = [
  { path: '/oversikt', label: 'Översikt' },
  { path: '/import', label: 'Import' },
  { path: '/avvikelser', label: 'Avvikelser' },
  { path: '/tvister', label: 'Oenighet och tvist' },
  { path: '/larande', label: 'Lärdomar och vägledande fall' },
  { path: '/sok', label: 'Sök' },
  { path: '/bibliotek', label: 'Bibliotek' },
  { path: '/rapport', label: 'Rapport' },
  { path: '/installningar', label: 'Inställningar' },
  { path: '/hjalp', label: 'Hjälp' },
];
