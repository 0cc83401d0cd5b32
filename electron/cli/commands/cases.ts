import { openCore, parse, printJson, requireDate, requireInt, UsageError, type CliIO } from '../io';
import { caseListSchema, type CaseSummary } from '../../../shared/api/common';
import { indicatorCasesOutput } from '../../../shared/api/indicators';
import { parseKind } from './case-lookup';

function table(io: CliIO, cases: CaseSummary[]): void {
  for (const c of cases) {
    io.out([c.date, c.kind === 'deviation' ? 'avvikelse' : 'tvist', c.externalId, c.title, c.status, c.kommun ?? '', `${c.reportingOrg ?? ''} → ${c.receivingOrg ?? ''}`].join('  '));
  }
}

export async function run(argv: string[], io: CliIO): Promise<number> {
  const { values } = parse(argv, {
    db: { type: 'string' },
    kind: { type: 'string' },
    indicator: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    'as-of': { type: 'string' },
    limit: { type: 'string' },
    json: { type: 'boolean' },
  });
  const kind = parseKind(values.kind);
  const limit = requireInt('limit', values.limit, 1, 1_000_000) ?? 1000;
  if (values.indicator) {
    const from = requireDate('from', values.from)!;
    const to = requireDate('to', values.to)!;
    const asOf = requireDate('as-of', values['as-of'], false);
    const core = await openCore(values.db);
    try {
      const r = await core.call('indicators.cases', { indicator: values.indicator, from, to, ...(asOf ? { asOf } : {}) });
      const cases = kind ? r.cases.filter((c) => c.kind === kind) : r.cases;
      const out = { indicator: r.indicator, total: kind ? cases.length : r.total, cases };
      if (values.json) printJson(io, indicatorCasesOutput, out);
      else {
        io.out(`${out.total} ärenden bakom indikatorn ${r.indicator} (${from} – ${to}).`);
        table(io, cases);
      }
      return 0;
    } finally {
      core.close();
    }
  }
  if (values['as-of']) throw new UsageError('--as-of gäller bara tillsammans med --indicator.');
  const from = requireDate('from', values.from, false);
  const to = requireDate('to', values.to, false);
  const core = await openCore(values.db);
  try {
    let total = 0;
    let totalIsLowerBound = false;
    const cases: CaseSummary[] = [];
    for (const k of kind ? [kind] : (['deviation', 'dispute'] as const)) {
      let cursor: string | undefined;
      let first = true;
      do {
        const page = await core.call('cases.list', { kind: k, from, to, sort: 'date_desc', limit: Math.min(500, Math.max(1, limit - cases.length)), cursor });
        if (first) {
          total += page.total;
          totalIsLowerBound ||= page.totalIsLowerBound;
        }
        first = false;
        cases.push(...page.cases);
        cursor = page.nextCursor ?? undefined;
      } while (cursor && cases.length < limit);
      if (cases.length >= limit) break;
    }
    const out = { total, totalIsLowerBound, cases, nextCursor: null };
    if (values.json) printJson(io, caseListSchema, out);
    else {
      io.out(`${totalIsLowerBound ? 'Över ' : ''}${total} ärenden${cases.length < total || totalIsLowerBound ? ` (visar ${cases.length}; ange --limit för fler)` : ''}.`);
      table(io, cases);
    }
    return 0;
  } finally {
    core.close();
  }
}
