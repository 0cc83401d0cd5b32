/**
 * The indicator catalogue (INDICATORS.md): one entry per indicator with its Swedish label,
 * definition text, unit and how to read it. The dashboard, the CLI table and the report's
 * method section read these texts; the SQL behind each id lives in electron/core/indicators/.
 */

export const indicatorIds = [
  'dev.count',
  'dev.per10k',
  'dev.byCategory',
  'dev.byFlow',
  'dev.byKommun',
  'dev.answeredWithinDeadline',
  'dev.daysToAnswer',
  'dev.daysToClose',
  'dev.closedShare',
  'dev.severe',
  'dev.recurring',
  'dev.monthly',
  'disp.opened',
  'disp.resolved',
  'disp.resolvedAtStep1',
  'disp.reachedTvist',
  'disp.daysToResolve',
  'disp.openAtEnd',
  'disp.temporarySolution',
  'disp.economicSettlement',
  'disp.principled',
  'learn.lessonCoverage',
  'learn.newPrecedents',
] as const;
export type IndicatorId = (typeof indicatorIds)[number];

/** The value shape of an indicator (see schemas.ts). */
export type IndicatorShape =
  | 'count'
  | 'rate'
  | 'share'
  | 'leadTime'
  | 'byCategory'
  | 'byFlow'
  | 'byKommun'
  | 'runChart'
  | 'openAtEnd'
  | 'settlement';

export type IndicatorGroup = 'avvikelser' | 'oenighet_tvist' | 'larande';

export const indicatorGroupLabels: Record<IndicatorGroup, string> = {
  avvikelser: 'Avvikelser i samverkan',
  oenighet_tvist: 'Oenighet och tvist',
  larande: 'Lärande',
};

export interface CatalogueEntry {
  id: IndicatorId;
  group: IndicatorGroup;
  /** Short Swedish label (dashboard tile, table row). */
  label: string;
  /** Swedish definition text (report's method section). */
  definition: string;
  /** Swedish unit text. */
  unit: string;
  shape: IndicatorShape;
  /** How to read the figure (Swedish). */
  reading: string;
  /**
   * Drill-down: what `indicators.cases` lists for this figure, or null when the figure has no
   * cases of its own. `keys` says which `key` values select a part of it.
   */
  drilldown: { cases: string; keys: string | null } | null;
}

const COMMON =
  'Perioden P = [från, till], båda dagarna inräknade. Ett datum efter datauttagets datum (as-of, E) räknas som att händelsen ännu inte har inträffat.';

export const catalogue: readonly CatalogueEntry[] = [
  {
    id: 'dev.count',
    group: 'avvikelser',
    label: 'Antal avvikelser',
    definition: 'Antal avvikelser i samverkan med rapportdatum i perioden (kohorten C).',
    unit: 'antal',
    shape: 'count',
    reading: 'Ett högre antal kan betyda fler brister men också en bättre rapporteringskultur; jämför med tidigare perioder och med folkmängden.',
    drilldown: { cases: 'Avvikelserna i kohorten.', keys: null },
  },
  {
    id: 'dev.per10k',
    group: 'avvikelser',
    label: 'Avvikelser per 10 000 invånare',
    definition:
      'Antal avvikelser i kohorten delat med delregionens folkmängd × 10 000. Folkmängden är summan över delregionens kommuner av den senaste siffran vars år är högst periodens slutår. Saknar någon kommun folkmängd beräknas inget tal, och Samsyn visar vilken kommuns folkmängd som saknas.',
    unit: 'per 10 000 invånare',
    shape: 'rate',
    reading: 'Gör delregioner och år av olika storlek jämförbara. Visas som tomt när en kommuns folkmängd saknas – lägg då till den med SCB-import.',
    drilldown: { cases: 'Samma avvikelser som Antal avvikelser.', keys: null },
  },
  {
    id: 'dev.byCategory',
    group: 'avvikelser',
    label: 'Avvikelser per område',
    definition:
      'För varje område (kategori) med minst en avvikelse i kohorten: antal och andel av kohorten. Sorterat på antal (fallande), därefter områdeskod.',
    unit: 'antal och andel',
    shape: 'byCategory',
    reading: 'Visar var i avtalet bristerna finns. Andelarna summerar till 100 %.',
    drilldown: { cases: 'Avvikelserna i kohorten inom området.', keys: 'områdets kod, t.ex. lakemedel' },
  },
  {
    id: 'dev.byFlow',
    group: 'avvikelser',
    label: 'Avvikelser per flöde mellan huvudmän',
    definition:
      'Antal avvikelser i kohorten per par (rapporterande huvudman → mottagande huvudman) bland kommun, region och privat; alla nio par visas, även de utan avvikelser.',
    unit: 'antal',
    shape: 'byFlow',
    reading: 'Visar i vilken riktning avvikelserna går, t.ex. från kommun till region.',
    drilldown: { cases: 'Avvikelserna i kohorten i flödet.', keys: 'flödet som "kommun->region"' },
  },
  {
    id: 'dev.byKommun',
    group: 'avvikelser',
    label: 'Avvikelser per kommun',
    definition:
      'För varje kommun i delregionen: antal avvikelser i kohorten som berör kommunen och antal per 10 000 invånare (inget tal om kommunens folkmängd saknas). Kommuner utan avvikelser visas med 0.',
    unit: 'antal och per 10 000 invånare',
    shape: 'byKommun',
    reading: 'Jämför kommunerna med hänsyn till deras storlek.',
    drilldown: { cases: 'Avvikelserna i kohorten som berör kommunen.', keys: 'kommunkod eller kommunnamn' },
  },
  {
    id: 'dev.answeredWithinDeadline',
    group: 'avvikelser',
    label: 'Besvarade inom svarstiden',
    definition:
      'Nämnare: avvikelser i kohorten som är besvarade senast E, eller vars svarstid har gått ut (rapportdatum + svarstiden D ≤ E). Täljare: avvikelser i kohorten besvarade senast E och högst D dagar efter rapportdatum.',
    unit: 'andel',
    shape: 'share',
    reading: 'Andelen av de avvikelser som borde ha besvarats som besvarades i tid. Svarstiden D är en inställning och anges vid talet.',
    drilldown: { cases: 'Täljarens eller nämnarens avvikelser.', keys: 'numerator (standard) eller denominator' },
  },
  {
    id: 'dev.daysToAnswer',
    group: 'avvikelser',
    label: 'Dagar till svar',
    definition:
      'Antal dagar från rapportdatum till svarsdatum för avvikelser i kohorten som är besvarade senast E: antal (n), median och 90:e percentil (närmaste rang, rang ⌈0,9·n⌉). Vid jämnt n är medianen medelvärdet av de två mittersta.',
    unit: 'dagar',
    shape: 'leadTime',
    reading: 'Medianen visar den typiska svarstiden, 90:e percentilen de långsammaste svaren. Tomt när inga avvikelser är besvarade.',
    drilldown: { cases: 'De besvarade avvikelserna som ingår i beräkningen.', keys: null },
  },
  {
    id: 'dev.daysToClose',
    group: 'avvikelser',
    label: 'Dagar till avslut',
    definition:
      'Antal dagar från rapportdatum till avslutsdatum för avvikelser i kohorten som är avslutade senast E: antal (n), median och 90:e percentil (närmaste rang).',
    unit: 'dagar',
    shape: 'leadTime',
    reading: 'Hur lång tid det tar att utreda och avsluta en avvikelse.',
    drilldown: { cases: 'De avslutade avvikelserna som ingår i beräkningen.', keys: null },
  },
  {
    id: 'dev.closedShare',
    group: 'avvikelser',
    label: 'Andel avslutade',
    definition: 'Täljare: avvikelser i kohorten avslutade senast E. Nämnare: alla avvikelser i kohorten.',
    unit: 'andel',
    shape: 'share',
    reading: 'En låg andel för en nyss avslutad period är väntad; jämför samma period över tid.',
    drilldown: { cases: 'Täljarens eller nämnarens avvikelser.', keys: 'numerator (standard) eller denominator' },
  },
  {
    id: 'dev.severe',
    group: 'avvikelser',
    label: 'Allvarliga avvikelser',
    definition: 'Antal avvikelser i kohorten med allvarlighetsgrad 3 eller 4 (skala 1–4). Okänd allvarlighetsgrad räknas inte som allvarlig.',
    unit: 'antal',
    shape: 'count',
    reading: 'Allvarliga avvikelser bör leda till händelseanalys och lärande.',
    drilldown: { cases: 'De allvarliga avvikelserna i kohorten.', keys: null },
  },
  {
    id: 'dev.recurring',
    group: 'avvikelser',
    label: 'Återkommande avvikelser',
    definition:
      'Täljare: avvikelser x i kohorten där minst 3 lagrade avvikelser (x medräknad) har samma område, rapporterande enhet och mottagande enhet som x och rapportdatum i [x − 364 dagar, x]. Alla lagrade avvikelser räknas, inte bara kohorten. Nämnare: alla avvikelser i kohorten.',
    unit: 'andel',
    shape: 'share',
    reading: 'Samma brist mellan samma enheter inom ett år tyder på att lärandet inte har fått effekt.',
    drilldown: { cases: 'De återkommande avvikelserna (täljaren) eller hela kohorten (nämnaren).', keys: 'numerator (standard) eller denominator' },
  },
  {
    id: 'dev.monthly',
    group: 'avvikelser',
    label: 'Avvikelser per månad (serietidsdiagram)',
    definition:
      'Antal avvikelser per kalendermånad för de 24 månaderna som slutar med periodens sista månad (färre om den äldsta lagrade avvikelsen är senare), månader utan avvikelser medräknade. Centrumlinje = medianen av punkterna. Punkter lika med medianen hoppas över. Anhøjs regler: signal för ovanligt lång serie när längsta serien > avrunda(log2(n′) + 3), och för för få korsningar när antalet korsningar < c, där c är det minsta heltal x med P(Bin(n′ − 1; 0,5) ≤ x) ≥ 0,05 (n′ = antal punkter som inte ligger på medianen). Med färre än 10 punkter (eller färre än 2 punkter utanför medianen) görs ingen analys: längsta serie, korsningar och gränser redovisas inte och ingen signal anges.',
    unit: 'antal per månad',
    shape: 'runChart',
    reading: 'En signal betyder att variationen sannolikt inte är slumpmässig (en verklig förändring eller ett skifte); diagrammet markerar den. Utan signal är variationen förenlig med slump.',
    drilldown: { cases: 'Avvikelserna i diagrammets månader.', keys: 'månaden som ÅÅÅÅ-MM' },
  },
  {
    id: 'disp.opened',
    group: 'oenighet_tvist',
    label: 'Nya oenigheter och tvister',
    definition: 'Antal oenigheter/tvister som öppnades i perioden.',
    unit: 'antal',
    shape: 'count',
    reading: 'Hur ofta parterna inte kommer överens på första nivån.',
    drilldown: { cases: 'De öppnade ärendena.', keys: null },
  },
  {
    id: 'disp.resolved',
    group: 'oenighet_tvist',
    label: 'Lösta oenigheter och tvister',
    definition: 'Antal oenigheter/tvister med lösningsdatum i perioden (och senast E).',
    unit: 'antal',
    shape: 'count',
    reading: 'Jämför med antalet nya för att se om ärendena hinns med.',
    drilldown: { cases: 'De lösta ärendena.', keys: null },
  },
  {
    id: 'disp.resolvedAtStep1',
    group: 'oenighet_tvist',
    label: 'Lösta på steg 1',
    definition: 'Täljare: ärenden lösta i perioden på steg 1 (chef närmast patient). Nämnare: alla ärenden lösta i perioden.',
    unit: 'andel',
    shape: 'share',
    reading: 'Avtalets grundprincip är att oenighet löses på lägsta nivå; en hög andel är bra.',
    drilldown: { cases: 'Täljarens eller nämnarens ärenden.', keys: 'numerator (standard) eller denominator' },
  },
  {
    id: 'disp.reachedTvist',
    group: 'oenighet_tvist',
    label: 'Nådde tvist (steg 3)',
    definition: 'Antal ärenden som nådde steg 3 (tvist) i perioden.',
    unit: 'antal',
    shape: 'count',
    reading: 'Tvist är mycket allvarligt: oenigheten löstes inte av de två första chefsnivåerna.',
    drilldown: { cases: 'Ärendena som nådde steg 3.', keys: null },
  },
  {
    id: 'disp.daysToResolve',
    group: 'oenighet_tvist',
    label: 'Dagar till lösning',
    definition: 'Antal dagar från öppnande till lösning för ärenden lösta i perioden: antal (n), median och 90:e percentil (närmaste rang).',
    unit: 'dagar',
    shape: 'leadTime',
    reading: 'Steg 2 ska hanteras skyndsamt; långa tider betyder att patienten riskerar att hamna mellan parterna.',
    drilldown: { cases: 'De lösta ärendena.', keys: null },
  },
  {
    id: 'disp.openAtEnd',
    group: 'oenighet_tvist',
    label: 'Öppna vid periodens slut',
    definition:
      'Ärenden öppnade senast periodens sista dag och inte lösta då, per steg vid periodens slut (högsta steg vars startdatum ligger senast den dagen), samt antal dagar från öppnande till periodens slut för det äldsta.',
    unit: 'antal',
    shape: 'openAtEnd',
    reading: 'Ärendebalansen: hur många oenigheter som väntar på lösning och hur länge den äldsta har varit öppen.',
    drilldown: { cases: 'De öppna ärendena.', keys: 'steg 1, 2 eller 3' },
  },
  {
    id: 'disp.temporarySolution',
    group: 'oenighet_tvist',
    label: 'Tillfällig lösning vid eskalering',
    definition:
      'Nämnare: ärenden som var öppna någon gång under perioden och hade nått minst steg 2 vid periodens slut. Täljare: de av dem som har en tillfällig lösning för patienten.',
    unit: 'andel',
    shape: 'share',
    reading: 'Patienten får aldrig bli lidande av att parterna är oeniga; målet är 100 %.',
    drilldown: { cases: 'Täljarens eller nämnarens ärenden.', keys: 'numerator (standard) eller denominator' },
  },
  {
    id: 'disp.economicSettlement',
    group: 'oenighet_tvist',
    label: 'Ekonomisk reglering',
    definition: 'Bland ärenden lösta i perioden: antal med utfallet ekonomisk reglering och summan av de reglerade beloppen (kronor).',
    unit: 'antal och kronor',
    shape: 'settlement',
    reading: 'Ekonomisk reglering är ett sista steg på eskaleringstrappan.',
    drilldown: { cases: 'Ärendena som avslutades med ekonomisk reglering.', keys: null },
  },
  {
    id: 'disp.principled',
    group: 'oenighet_tvist',
    label: 'Av principiell karaktär',
    definition: 'Antal ärenden öppnade i perioden som har markerats som principiella (att lyfta till VVG).',
    unit: 'antal',
    shape: 'count',
    reading: 'Frågor vars svar har betydelse i hela länet.',
    drilldown: { cases: 'De principiella ärendena.', keys: null },
  },
  {
    id: 'learn.lessonCoverage',
    group: 'larande',
    label: 'Ärenden med dokumenterad lärdom',
    definition:
      'Nämnare: avvikelser med avslutsdatum i perioden plus oenigheter/tvister med lösningsdatum i perioden. Täljare: de av dem som har minst en lärdom registrerad senast E.',
    unit: 'andel',
    shape: 'share',
    reading: 'Avvikelser ska leda till lärande; andelen visar hur ofta lärdomen har dokumenterats.',
    drilldown: { cases: 'Täljarens eller nämnarens ärenden (avvikelser och tvister).', keys: 'numerator (standard) eller denominator' },
  },
  {
    id: 'learn.newPrecedents',
    group: 'larande',
    label: 'Nya vägledande fall',
    definition: 'Antal prejudikat med status vägledande och beslutsdatum i perioden.',
    unit: 'antal',
    shape: 'count',
    reading: 'Lösningar som blivit vägledande för framtida situationer.',
    drilldown: null,
  },
];

export function catalogueEntry(id: string): CatalogueEntry | undefined {
  return catalogue.find((e) => e.id === id);
}

export function isIndicatorId(id: string): id is IndicatorId {
  return (indicatorIds as readonly string[]).includes(id);
}

/** Common terms for the method section. */
export const commonTermsText = COMMON;
