import type { CategoryCode, DeviationStatus, DisputeOutcome, LessonCause, PartyType, PrecedentStatus } from './domain/enums';

export const categoryLabels: Record<CategoryCode, string> = {
  hemsjukvard: 'Hälso- och sjukvård i hemmet',
  in_utskrivning: 'In- och utskrivning',
  sip: 'Samordnad individuell plan',
  lakarmedverkan: 'Läkarmedverkan',
  lakemedel: 'Läkemedel',
  egenvard: 'Egenvård',
  hjalpmedel: 'Medicintekniska produkter och hjälpmedel',
  rehab_hab: 'Rehabilitering och habilitering',
  information: 'Informationsöverföring',
  munhalsa: 'Munhälsa',
  vardhygien: 'Vårdhygien',
  psykisk_beroende: 'Psykisk funktionsnedsättning och beroende',
  ovrigt: 'Övrigt',
};

export const partyTypeLabels: Record<PartyType, string> = { kommun: 'Kommun', region: 'Region', privat: 'Privat' };

export const deviationStatusLabels: Record<DeviationStatus, string> = {
  ny: 'Ny',
  pagaende: 'Pågående',
  besvarad: 'Besvarad',
  avslutad: 'Avslutad',
};

export const disputeOutcomeLabels: Record<DisputeOutcome, string> = {
  enighet: 'Enighet',
  ekonomisk_reglering: 'Ekonomisk reglering',
  allman_domstol: 'Allmän domstol',
  aterkallad: 'Återkallad',
};

export const stepLabels: Record<1 | 2 | 3, string> = {
  1: 'Steg 1 – oenighet (chef närmast patient)',
  2: 'Steg 2 – oenighet (chef över chef)',
  3: 'Steg 3 – tvist (politisk instans/högsta tjänsteperson)',
};

export const lessonCauseLabels: Record<LessonCause, string> = {
  rutin_saknas: 'Rutin saknas',
  rutin_inte_kand: 'Rutin inte känd',
  kommunikation: 'Kommunikation/informationsöverföring',
  resurser: 'Resurser/bemanning',
  it_stod: 'IT-stöd',
  ansvar_oklart: 'Ansvarsfördelning oklar',
  annat: 'Annat',
};

export const precedentStatusLabels: Record<PrecedentStatus, string> = {
  utkast: 'Utkast',
  granskad: 'Granskad',
  vägledande: 'Vägledande',
  ersatt: 'Ersatt',
};

export const delregionNames: Record<string, string> = {
  fyrbodal: 'Fyrbodal',
  goteborgsregionen: 'Göteborgsregionen',
  sjuharad: 'Sjuhärad (Boråsregionen)',
  skaraborg: 'Skaraborg',
  custom: 'Egen delregion',
};
