/**
 * The demo workspace: about two years of synthetic deviations and a dispute log for one
 * delregion, imported through the real importer as a series of simulated exports (so the
 * import history, "updated" versions and the quarantine are real), plus lessons and
 * precedents written directly. Deterministic for (delregion, seed, today) apart from the
 * workspace's random secret. See resources/demo/README.md.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createWorkspace } from '../workspace/workspace';
import type { OpenedWorkspace } from '../db/open-workspace';
import { importFile } from '../import/import-file';
import {
  dayToIso,
  generateDeviationRows,
  generateDisputeRows,
  isoToDay,
  Rng,
  writeDeviationCsv,
  writeDisputeCsv,
  type DeviationRecord,
  type DisputeRecord,
} from './generator';
import { lessonTexts, temporarySolutions } from './texts';
import type { CategoryCode, DeviationStatus } from '../../../shared/domain/enums';

export interface DemoOptions {
  delregionId: string;
  seed: number;
  /** The demo's "today": data runs up to the month before. */
  today: Date;
}

export const DEMO_USER = 'Demoanvändare';
/** Deviation rows generated (valid, invalid, outside and duplicate rows together). */
export const DEMO_DEVIATION_ROWS = 2600;
export const DEMO_DISPUTES = 44;
export const DEMO_MONTHS = 24;

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/** The demo's calendar: 24 whole months ending with the month before `today`, and the export days. */
export function demoCalendar(today: Date): { startDate: string; asOf: string; todayIso: string; exportDays: string[] } {
  const y = today.getFullYear();
  const m = today.getMonth(); // local calendar month of "today"
  const todayIso = `${y}-${pad2(m + 1)}-${pad2(today.getDate())}`;
  const start = new Date(Date.UTC(y, m - DEMO_MONTHS, 1));
  const startDate = start.toISOString().slice(0, 10);
  const asOf = dayToIso(isoToDay(`${y}-${pad2(m + 1)}-01`) - 1);
  // One export per quarter, taken on the 3rd of the month after; the last one on the 3rd of this
  // month (or today, when today is earlier).
  const exportDays: string[] = [];
  for (let q = 1; q <= DEMO_MONTHS / 3; q++) {
    const d = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + q * 3, 3)).toISOString().slice(0, 10);
    exportDays.push(d > todayIso ? todayIso : d);
  }
  return { startDate, asOf, todayIso, exportDays };
}

const STATUS_WORDS: Record<DeviationStatus, readonly string[]> = {
  ny: ['Ny', 'Registrerad'],
  pagaende: ['Under utredning', 'Pågående'],
  besvarad: ['Besvarad'],
  avslutad: ['Avslutad', 'Stängd'],
};

/** A deviation as the source system would have exported it on `day`. */
function deviationAt(r: DeviationRecord, day: string): DeviationRecord {
  if (r.kind === 'invalid') return r;
  const answeredAt = r.answeredAt !== null && r.answeredAt <= day ? r.answeredAt : null;
  const closedAt = r.closedAt !== null && r.closedAt <= day ? r.closedAt : null;
  let status: DeviationStatus;
  if (closedAt) status = 'avslutad';
  else if (answeredAt) status = 'besvarad';
  else if (r.status === 'ny' || r.status === 'pagaende') status = r.status;
  else status = isoToDay(day) - isoToDay(r.reportedAt) < 14 ? 'ny' : 'pagaende';
  if (status === r.status && answeredAt === r.answeredAt && closedAt === r.closedAt) return r;
  const words = STATUS_WORDS[status];
  const statusLabel = status === r.status ? r.statusLabel : words[r.externalId.charCodeAt(r.externalId.length - 1) % words.length]!;
  return { ...r, answeredAt, closedAt, status, statusLabel, action: answeredAt ? r.action : '' };
}

function sameSnapshot(a: DeviationRecord, b: DeviationRecord): boolean {
  return a.status === b.status && a.answeredAt === b.answeredAt && a.closedAt === b.closedAt;
}

/** A dispute as the log looked on `day` (null when it was not yet opened). */
function disputeAt(r: DisputeRecord, day: string): DisputeRecord | null {
  if (r.openedAt > day) return null;
  const step2At = r.step2At !== null && r.step2At <= day ? r.step2At : null;
  const step3At = r.step3At !== null && r.step3At <= day ? r.step3At : null;
  const resolved = r.resolvedAt !== null && r.resolvedAt <= day;
  return {
    ...r,
    step2At,
    step3At,
    resolvedAt: resolved ? r.resolvedAt : null,
    resolutionStep: resolved ? r.resolutionStep : null,
    outcome: resolved ? r.outcome : null,
    settlementSek: resolved ? r.settlementSek : null,
  };
}

function nowAt(day: string, hour = 9): Date {
  return new Date(`${day}T${pad2(hour)}:15:00Z`);
}

/** A UUID-shaped id derived from the seed (stable across runs, unique per precedent). */
export function demoUuid(seed: number, delregionId: string, n: number): string {
  const h = crypto.createHash('sha256').update(`samsyn-demo|${delregionId}|${seed}|${n}`).digest('hex');
  const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Builds the demo workspace (deterministic for a seed). */
export async function buildDemoWorkspace(file: string, opts: DemoOptions): Promise<OpenedWorkspace> {
  const ws = await createWorkspace(file, { delregionId: opts.delregionId, userName: DEMO_USER });
  try {
    await fillDemo(ws, opts);
  } catch (e) {
    ws.close();
    const abs = path.resolve(file);
    for (const f of [abs, `${abs}-wal`, `${abs}-shm`]) fs.rmSync(f, { force: true });
    throw e;
  }
  return ws;
}

async function fillDemo(ws: OpenedWorkspace, opts: DemoOptions): Promise<void> {
  const cal = demoCalendar(opts.today);
  const seed = opts.seed >>> 0;
  const deviations = generateDeviationRows({
    rows: DEMO_DEVIATION_ROWS,
    seed,
    delregionId: opts.delregionId,
    startDate: cal.startDate,
    months: DEMO_MONTHS,
    asOf: cal.asOf,
    invalidShare: 0.004,
    outsideShare: 0.012,
    duplicateShare: 0.002,
    plantIdentityNumbers: 0,
  });
  const disputes = generateDisputeRows({
    count: DEMO_DISPUTES,
    seed,
    delregionId: opts.delregionId,
    startDate: cal.startDate,
    months: DEMO_MONTHS,
    asOf: cal.asOf,
    deviations,
  });

  // 1. Quarterly MedControl PRO exports: the quarter's new cases plus earlier cases changed since.
  const slug = opts.delregionId;
  let previous: string | null = null;
  for (let q = 0; q < cal.exportDays.length; q++) {
    const day = cal.exportDays[q]!;
    const rows: DeviationRecord[] = [];
    for (const r of deviations) {
      if (r.reportedAt > day && r.kind !== 'invalid') continue;
      const isNew = previous === null ? r.reportedAt <= day : r.reportedAt > previous && r.reportedAt <= day;
      if (r.kind === 'invalid') {
        if (isNew) rows.push(r);
        continue;
      }
      const now = deviationAt(r, day);
      if (isNew) rows.push(now);
      else if (r.kind === 'ok' && !sameSnapshot(now, deviationAt(r, previous!))) rows.push(now);
    }
    const bytes = writeDeviationCsv(rows, { encoding: q % 3 === 2 ? 'cp1252' : 'utf8', separator: ';' });
    await importFile(ws, { bytes }, `MedControl-export-${slug}-${day}.csv`, {
      kind: 'deviations',
      now: nowAt(day),
      saveProfileAs: q === 0 ? 'MedControl PRO standardexport' : undefined,
    });
    previous = day;
  }

  // 2. The dispute log, imported twice: half-way and at the end (changes become history).
  const mid = cal.exportDays[Math.floor(cal.exportDays.length / 2) - 1]!;
  const last = cal.exportDays[cal.exportDays.length - 1]!;
  for (const day of [mid, last]) {
    const snap = disputes.map((d) => disputeAt(d, day)).filter((d): d is DisputeRecord => d !== null);
    await importFile(ws, { bytes: writeDisputeCsv(snap) }, `Tvistlogg-${slug}-${day}.csv`, { kind: 'disputes', now: nowAt(day, 14) });
  }

  const sqlite = ws.sqlite;
  const rng = new Rng(seed ^ 0x2c1b3c6d);
  sqlite.transaction(() => {
    // 3. Timeline notes beyond the step dates: temporary solutions, settlements, decisions.
    const idOf = sqlite.prepare(`SELECT id FROM disputes WHERE source_system = 'Tvistlogg' AND external_id = ?`).pluck();
    const ev = sqlite.prepare('INSERT INTO dispute_events (dispute_id, at, type, note, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?)');
    const setTemp = sqlite.prepare('UPDATE disputes SET temporary_solution_text = ? WHERE id = ?');
    for (const d of disputes) {
      const id = idOf.get(d.externalId) as number | undefined;
      if (id === undefined) continue;
      if (d.temporarySolution) {
        const text = d.temporarySolutionText ?? temporarySolutions[0]!;
        const at = d.step2At ?? dayToIso(isoToDay(d.openedAt) + 2);
        setTemp.run(text, id);
        ev.run(id, at, 'temporary_solution', text, nowAt(at).toISOString(), DEMO_USER);
      }
      if (d.outcome === 'ekonomisk_reglering' && d.resolvedAt) {
        ev.run(id, d.resolvedAt, 'settlement', `Ekonomisk reglering: ${d.settlementSek!.toLocaleString('sv-SE')} kr till part 1 enligt avtalets regler om kostnadsansvar.`, nowAt(d.resolvedAt).toISOString(), DEMO_USER);
      } else if (d.outcome === 'allman_domstol' && d.resolvedAt && d.step3At) {
        const filed = dayToIso(isoToDay(d.step3At) + 45);
        ev.run(id, filed, 'note', 'Parterna kunde inte enas på steg 3; frågan har lämnats till allmän domstol.', nowAt(filed).toISOString(), DEMO_USER);
        ev.run(id, d.resolvedAt, 'note', 'Tingsrättens dom har vunnit laga kraft; parterna tillämpar domen i liknande ärenden.', nowAt(d.resolvedAt).toISOString(), DEMO_USER);
      } else if (d.resolutionNote && d.resolvedAt && d.resolutionStep && d.resolutionStep >= 2) {
        ev.run(id, d.resolvedAt, 'note', d.resolutionNote, nowAt(d.resolvedAt).toISOString(), DEMO_USER);
      }
    }

    // 4. Lessons on resolved disputes and closed deviations of the matching area.
    const insLesson = sqlite.prepare(
      `INSERT INTO lessons (case_kind, case_id, text, cause, recommended_practice, agreement_ref, recorded_on, created_at, created_by, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const resolved = disputes.filter((d) => d.resolvedAt !== null && d.outcome !== 'aterkallad');
    const usedDisputes = new Set<string>();
    const lessonFor = (caseKind: 'deviation' | 'dispute', caseId: number, closedOn: string, l: (typeof lessonTexts)[number]) => {
      let on = dayToIso(isoToDay(closedOn) + rng.int(3, 25));
      if (on > cal.todayIso) on = cal.todayIso;
      const at = nowAt(on, 13).toISOString();
      insLesson.run(caseKind, caseId, l.text, l.cause, l.practice, l.ref, on, at, DEMO_USER, at);
    };
    for (const l of lessonTexts) {
      const d = resolved.find((x) => !usedDisputes.has(x.externalId) && (l.area === null ? x.resolutionStep === 1 : x.area === l.area)) ?? resolved.find((x) => !usedDisputes.has(x.externalId));
      if (!d) continue;
      usedDisputes.add(d.externalId);
      const id = idOf.get(d.externalId) as number | undefined;
      if (id !== undefined) lessonFor('dispute', id, d.resolvedAt!, l);
    }
    const closedDev = sqlite.prepare(
      `SELECT id, closed_at FROM deviations WHERE category = ? AND closed_at IS NOT NULL AND closed_at <= ? ORDER BY closed_at DESC, id LIMIT 1 OFFSET ?`,
    );
    for (const [i, l] of lessonTexts.slice(0, 5).entries()) {
      const row = closedDev.get(l.area ?? 'information', cal.asOf, 3 + i) as { id: number; closed_at: string } | undefined;
      if (row) lessonFor('deviation', row.id, row.closed_at, l);
    }

    // 5. Precedents: guiding, reviewed, draft, superseded and one guiding patient case.
    insertPrecedents(ws, seed, opts.delregionId, disputes, cal);
  })();
}

interface PrecedentSeed {
  kind: 'ärende' | 'patientfall';
  status: 'utkast' | 'granskad' | 'vägledande' | 'ersatt';
  title: string;
  area: CategoryCode;
  agreementRefs: string[];
  tags: string[];
  facts: string;
  question: string;
  resolution: string;
  principle: string;
  decisionPoints: { question: string; guidance: string }[];
  /** Link to a local dispute of this area (resolved at step ≥ 2 if possible). */
  fromDisputeArea?: CategoryCode;
  supersededBy?: number;
  revision: number;
}

const PRECEDENTS: PrecedentSeed[] = [
  {
    kind: 'ärende',
    status: 'vägledande',
    title: 'Utskrivning utan uppdaterad läkemedelslista inför helg',
    area: 'in_utskrivning',
    agreementRefs: ['Hälso- och sjukvårdsavtalet: In- och utskrivning', 'Överenskommelse om samverkan vid utskrivning från sluten hälso- och sjukvård'],
    tags: ['SVPL', 'läkemedelslista', 'helg', 'utskrivningsklar'],
    facts: 'En patient skrevs ut en fredag eftermiddag till ordinärt boende med kommunal hemsjukvård. Läkemedelslistan i SVPL var inte uppdaterad och kommunen saknade läkemedel för helgen.',
    question: 'Vem ansvarar för att läkemedelslistan är aktuell vid utskrivning, och vem bär kostnaden för extra insatser under helgen?',
    resolution: 'Löst på steg 2. Slutenvården ansvarar för att läkemedelslistan är uppdaterad innan patienten bedöms utskrivningsklar. Tillfällig lösning: vårdcentralen ordinerade läkemedel för helgen. Ingen ekonomisk reglering.',
    principle: 'Vid utskrivning ansvarar den utskrivande enheten för att läkemedelslistan är aktuell och tillgänglig för kommunen senast när patienten bedöms utskrivningsklar.',
    decisionPoints: [],
    fromDisputeArea: 'in_utskrivning',
    revision: 3,
  },
  {
    kind: 'ärende',
    status: 'vägledande',
    title: 'Hjälpmedel för förflyttning ska finnas på plats vid hemgång',
    area: 'hjalpmedel',
    agreementRefs: ['Hälso- och sjukvårdsavtalet: Medicintekniska produkter och hjälpmedel'],
    tags: ['hjälpmedel', 'förskrivning', 'hemgång'],
    facts: 'En patient kom hem från sjukhus utan förskriven lyft och fick vårdas i sängen i tre dygn innan hjälpmedlet levererades.',
    question: 'Vem förskriver hjälpmedel som behövs direkt vid hemgång: slutenvården eller kommunens rehabpersonal?',
    resolution: 'Löst på steg 2 efter gemensam genomgång av avtalet. Den enhet som bedömer behovet före hemgång förskriver; kommunen tar över ansvaret från hemgångsdagen.',
    principle: 'Hjälpmedel som är nödvändiga för att patienten ska kunna skrivas ut förskrivs av den enhet där patienten vårdas och ska finnas på plats vid hemgång.',
    decisionPoints: [],
    fromDisputeArea: 'hjalpmedel',
    revision: 1,
  },
  {
    kind: 'ärende',
    status: 'granskad',
    title: 'Läkarmedverkan i särskilt boende kvällar och helger',
    area: 'lakarmedverkan',
    agreementRefs: ['Hälso- och sjukvårdsavtalet: Läkarmedverkan i kommunal hälso- och sjukvård'],
    tags: ['läkarmedverkan', 'jour', 'särskilt boende'],
    facts: 'Sjuksköterskor på ett särskilt boende kunde under flera helger inte nå läkare för ordination.',
    question: 'Hur ska kommunens sjuksköterskor nå läkare utanför vårdcentralens öppettider?',
    resolution: 'Löst på steg 1 genom en gemensam lokal rutin med kontaktvägar till jourläkare. Granskad av delregional samverkansgrupp, väntar på beslut.',
    principle: 'Vårdcentralens läkaransvar för patienter i särskilt boende gäller dygnet runt; kontaktvägen utanför kontorstid ska finnas i en gemensam lokal rutin.',
    decisionPoints: [],
    fromDisputeArea: 'lakarmedverkan',
    revision: 2,
  },
  {
    kind: 'ärende',
    status: 'utkast',
    title: 'Vem kallar till SIP när flera huvudmän är inblandade',
    area: 'sip',
    agreementRefs: ['Riktlinje för samordnad individuell plan (SIP)'],
    tags: ['SIP', 'kallelse', 'samordning'],
    facts: 'Både kommunen och psykiatrin väntade på att den andra skulle kalla till SIP.',
    question: 'Vem ansvarar för att kalla till SIP när behovet upptäcks av flera verksamheter samtidigt?',
    resolution: 'Utkast: ärendet är ännu inte löst.',
    principle: 'Den verksamhet som först identifierar behovet av SIP kallar, oavsett huvudman.',
    decisionPoints: [],
    revision: 1,
  },
  {
    kind: 'ärende',
    status: 'ersatt',
    title: 'Läkemedelslista vid utskrivning (äldre vägledning)',
    area: 'lakemedel',
    agreementRefs: ['Tidigare lokal rutin för läkemedel vid utskrivning'],
    tags: ['läkemedelslista', 'utskrivning'],
    facts: 'Upprepade avvikelser om saknade läkemedelslistor vid utskrivning.',
    question: 'Ska kommunen begära läkemedelslistan, eller ska sjukhuset skicka den?',
    resolution: 'Löst på steg 1: kommunen begär listan vid varje utskrivning.',
    principle: 'Kommunens sjuksköterska begär läkemedelslistan vid utskrivning.',
    decisionPoints: [],
    supersededBy: 0,
    revision: 2,
  },
  {
    kind: 'patientfall',
    status: 'vägledande',
    title: 'Siv, 72 år – hemgång med hemsjukvård efter höftfraktur',
    area: 'hemsjukvard',
    agreementRefs: ['Hälso- och sjukvårdsavtalet: Vägledande patientfall', 'Hälso- och sjukvårdsavtalet: Hälso- och sjukvård i hemmet'],
    tags: ['patientfall', 'hemsjukvård', 'SVPL', 'hjälpmedel', 'läkemedel'],
    facts:
      'Siv är 72 år (påhittat patientfall) och bor ensam i ordinärt boende. Hon opereras för höftfraktur och ska skrivas ut med behov av såromläggning, smärtlindring och hjälpmedel för förflyttning. Hon klarar inte att ta sig till vårdcentralen.',
    question: 'Vem ansvarar för vad när Siv skrivs ut, och hur undviks glapp mellan vårdgivarna?',
    resolution: 'Patientfallet beskriver ansvarsfördelningen steg för steg enligt avtalet.',
    principle: 'Patienten ska inte drabbas av att parterna är oeniga; ansvaret följer avtalets områden och den som upptäcker ett glapp tar kontakt direkt.',
    decisionPoints: [
      {
        question: 'Är Siv utskrivningsklar och är planeringen i SVPL klar?',
        guidance: 'Slutenvården bedömer utskrivningsklar dag och meddelar kommunen via SVPL; läkemedelslista och hjälpmedelsbehov ska framgå.',
      },
      {
        question: 'Ska Siv ha kommunal hemsjukvård eller vård på vårdcentral?',
        guidance: 'Eftersom hon inte kan ta sig till vårdcentralen fattas beslut om hemsjukvård; kommunen ansvarar för insatserna i hemmet.',
      },
      {
        question: 'Vem förskriver hjälpmedel för förflyttning?',
        guidance: 'Hjälpmedel som behövs vid hemgång förskrivs av slutenvården och finns på plats när Siv kommer hem.',
      },
      {
        question: 'Behövs en SIP?',
        guidance: 'Om Siv har behov av insatser från både kommun och region efter hemgång erbjuds SIP; den som först ser behovet kallar.',
      },
    ],
    revision: 1,
  },
];

function insertPrecedents(
  ws: OpenedWorkspace,
  seed: number,
  delregionId: string,
  disputes: DisputeRecord[],
  cal: { asOf: string; todayIso: string; exportDays: string[] },
): void {
  const sqlite = ws.sqlite;
  const ids = PRECEDENTS.map((_, i) => demoUuid(seed, delregionId, i));
  const idOf = sqlite.prepare(`SELECT id FROM disputes WHERE source_system = 'Tvistlogg' AND external_id = ?`).pluck();
  const ins = sqlite.prepare(
    `INSERT INTO precedents (id, kind, revision, updated_at, title, area, agreement_refs, tags, facts, question, resolution, principle,
       decision_points, status, superseded_by, decided_at, origin_delregion, origin_publisher, origin_key_fingerprint, case_hash,
       local_case_kind, local_case_id, imported_lessons, base_revision, locally_edited, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, ?, ?, NULL, NULL, 1, ?)`,
  );
  const used = new Set<string>();
  const asOfDay = isoToDay(cal.asOf);
  PRECEDENTS.forEach((p, i) => {
    let caseKind: 'dispute' | null = null;
    let caseId: number | null = null;
    let decided: string | null = null;
    if (p.fromDisputeArea) {
      const d =
        disputes.find((x) => !used.has(x.externalId) && x.area === p.fromDisputeArea && x.resolvedAt && x.outcome === 'enighet' && (x.resolutionStep ?? 0) >= 2) ??
        disputes.find((x) => !used.has(x.externalId) && x.area === p.fromDisputeArea && x.resolvedAt && x.outcome === 'enighet');
      if (d) {
        used.add(d.externalId);
        const id = idOf.get(d.externalId) as number | undefined;
        if (id !== undefined) {
          caseKind = 'dispute';
          caseId = id;
          decided = dayToIso(Math.min(asOfDay, isoToDay(d.resolvedAt!) + 21));
        }
      }
    }
    const created = dayToIso(asOfDay - 300 + i * 40);
    if (p.status === 'ersatt') decided = dayToIso(asOfDay - 690);
    if (p.status === 'vägledande') decided ??= dayToIso(asOfDay - 400 + i * 50);
    if (p.status === 'granskad' || p.status === 'utkast') decided = null;
    const updated = dayToIso(Math.min(asOfDay, isoToDay(created) + 30 * p.revision));
    ins.run(
      ids[i]!,
      p.kind,
      p.revision,
      `${updated}T10:00:00.000Z`,
      p.title,
      p.area,
      JSON.stringify(p.agreementRefs),
      JSON.stringify(p.tags),
      p.facts,
      p.question,
      p.resolution,
      p.principle,
      JSON.stringify(p.decisionPoints),
      p.status,
      p.supersededBy !== undefined ? ids[p.supersededBy]! : null,
      decided,
      delregionId,
      DEMO_USER,
      caseKind,
      caseId,
      `${created}T10:00:00.000Z`,
    );
  });
}
