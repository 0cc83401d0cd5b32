import { openCore, parse, printJson, requireDate, requireInt, CliFailure, type CliIO } from '../io';
import { indicatorsDocumentSchema, type IndicatorsDocument, type LeadTime, type Share } from '../../../shared/indicators/schemas';
import { catalogue } from '../../../shared/indicators/catalogue';
import { countOf, formatDecimal, formatInt, formatPercent, formatSek } from '../../../shared/format';
import { partyTypeLabels } from '../../../shared/labels.sv';

export async function run(argv: string[], io: CliIO): Promise<number> {
  const { values } = parse(argv, {
    db: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    'as-of': { type: 'string' },
    'deadline-days': { type: 'string' },
    json: { type: 'boolean' },
  });
  const from = requireDate('from', values.from)!;
  const to = requireDate('to', values.to)!;
  const asOf = requireDate('as-of', values['as-of'], false);
  const deadlineDays = requireInt('deadline-days', values['deadline-days'], 0, 3650);
  if (from > to) throw new CliFailure(`Periodens början (${from}) ligger efter dess slut (${to}).`);
  const core = await openCore(values.db);
  try {
    const doc = await core.call('indicators.compute', { from, to, asOf, deadlineDays });
    if (values.json) printJson(io, indicatorsDocumentSchema, doc);
    else io.out(formatTable(doc));
    return 0;
  } finally {
    core.close();
  }
}

const shareText = (s: Share) => `${formatPercent(s.share, 1)} (${formatInt(s.numerator)} av ${formatInt(s.denominator)})`;
const leadText = (l: LeadTime) => (l.n === 0 ? '– (inga ärenden)' : `median ${formatDecimal(l.median, l.median !== null && Number.isInteger(l.median) ? 0 : 1)} dagar, 90:e percentil ${formatInt(l.p90)} dagar (n = ${formatInt(l.n)})`);

/** A readable Swedish table of every indicator. */
export function formatTable(doc: IndicatorsDocument): string {
  const v = doc.indicators;
  const label = (id: string) => catalogue.find((e) => e.id === id)?.label ?? id;
  const lines: string[] = [];
  const row = (id: string, text: string) => lines.push(`  ${label(id).padEnd(44)} ${text}`);
  lines.push(`Uppföljningsindikatorer ${doc.period.from} – ${doc.period.to} (${doc.delregion})`);
  lines.push(`Data per ${doc.period.asOf} · svarstid ${formatInt(doc.period.deadlineDays)} dagar`);
  lines.push(
    doc.population
      ? `Folkmängd ${formatInt(doc.population.total)} (år ${doc.population.year}${doc.population.mixedYears ? ', blandade år – vissa siffror är äldre' : ''})`
      : 'Folkmängd saknas för minst en kommun – tal per 10 000 invånare kan inte beräknas.',
  );
  lines.push('', 'Avvikelser i samverkan');
  row('dev.count', formatInt(v['dev.count']));
  row('dev.per10k', formatDecimal(v['dev.per10k'], 2));
  row('dev.severe', formatInt(v['dev.severe']));
  row('dev.answeredWithinDeadline', shareText(v['dev.answeredWithinDeadline']));
  row('dev.daysToAnswer', leadText(v['dev.daysToAnswer']));
  row('dev.daysToClose', leadText(v['dev.daysToClose']));
  row('dev.closedShare', shareText(v['dev.closedShare']));
  row('dev.recurring', shareText(v['dev.recurring']));
  lines.push('', `  ${label('dev.byCategory')}`);
  for (const c of v['dev.byCategory']) lines.push(`    ${c.label.padEnd(42)} ${formatInt(c.count).padStart(8)}  ${formatPercent(c.share, 1).padStart(8)}`);
  if (v['dev.byCategory'].length === 0) lines.push('    (inga avvikelser)');
  lines.push('', `  ${label('dev.byFlow')}`);
  for (const f of v['dev.byFlow']) lines.push(`    ${`${partyTypeLabels[f.from]} → ${partyTypeLabels[f.to]}`.padEnd(42)} ${formatInt(f.count).padStart(8)}`);
  lines.push('', `  ${label('dev.byKommun')}`);
  for (const k of v['dev.byKommun']) lines.push(`    ${k.kommun.padEnd(42)} ${formatInt(k.count).padStart(8)}  ${formatDecimal(k.per10k, 2).padStart(8)} per 10 000`);
  const m = v['dev.monthly'];
  lines.push('', `  ${label('dev.monthly')}`);
  lines.push(`    ${m.points.map((p) => `${p.month}: ${formatInt(p.count)}`).join(', ') || '(inga månader)'}`);
  if (m.longestRun === null) {
    lines.push(`    Median ${formatDecimal(m.median, 1)}. För få punkter för analys (minst 10 behövs).`);
  } else {
    lines.push(
      `    Median ${formatDecimal(m.median, 1)} · längsta serie ${m.longestRun} (gräns ${m.longestRunLimit}) · korsningar ${m.crossings} (gräns ${m.crossingsLimit}) · ${
        m.signal
          ? `SIGNAL: icke-slumpmässig variation (${m.signals.map((x) => (x === 'run' ? 'ovanligt lång serie' : 'för få korsningar')).join(' och ')})`
          : 'ingen signal (variationen är förenlig med slump)'
      }`,
    );
  }
  lines.push('', 'Oenighet och tvist');
  row('disp.opened', formatInt(v['disp.opened']));
  row('disp.resolved', formatInt(v['disp.resolved']));
  row('disp.resolvedAtStep1', shareText(v['disp.resolvedAtStep1']));
  row('disp.reachedTvist', formatInt(v['disp.reachedTvist']));
  row('disp.daysToResolve', leadText(v['disp.daysToResolve']));
  const o = v['disp.openAtEnd'];
  row(
    'disp.openAtEnd',
    `${formatInt(o.total)} (steg 1: ${formatInt(o.byStep['1'])}, steg 2: ${formatInt(o.byStep['2'])}, steg 3: ${formatInt(o.byStep['3'])})${
      o.oldestDays !== null ? `, äldsta ${formatInt(o.oldestDays)} dagar` : ''
    }`,
  );
  row('disp.temporarySolution', shareText(v['disp.temporarySolution']));
  row('disp.economicSettlement', `${countOf(v['disp.economicSettlement'].count, 'ärende', 'ärenden')}, ${formatSek(v['disp.economicSettlement'].totalSek)}`);
  row('disp.principled', formatInt(v['disp.principled']));
  lines.push('', 'Lärande');
  row('learn.lessonCoverage', shareText(v['learn.lessonCoverage']));
  row('learn.newPrecedents', formatInt(v['learn.newPrecedents']));
  return lines.join('\n');
}
