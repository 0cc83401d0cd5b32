import { openCore, parse, printJson, requireDate, requireInt, UsageError, type CliIO } from '../io';
import { caseListSchema, type CaseSummary } from '../../../shared/api/common';
import { indicatorCasesOutput } from '../../../shared/api/indicators';
import { parseKind } from './case-lookup';

function table(io: CliIO, cases: CaseSummary[]): void {
  for (const c of cases) {
    io.out([c.date, c.kind === 'deviation' ? 'avvikelse' : 'tvist', c.externalId, c.title, c.status, c.kommun ?? '', `${c.reportingOrg ?? ''} → ${c.receivingOrg ?? ''}`].join('  '));
  }
}

/** Lists each already sorted newest first, merged into one list newest first (stable: deviations before disputes on the same date). */
export function mergeNewestFirst(lists: CaseSummary[][]): CaseSummary[] {
  return lists
    .flatMap((list, li) => list.map((c, i) => ({ c, li, i })))
    .sort((a, b) => (a.c.date === b.c.date ? a.li - b.li || a.i - b.i : a.c.date < b.c.date ? 1 : -1))
    .map((x) => x.c);
}

export async function run(argv: string[], io: CliIO): Promise<number> {
  const { values } = parse(argv, {
    db: { type: 'string' },
    kind: { type: 'string' },
    indicator: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    'as-of': { type: 'string' },
    'deadline-days': { type: 'string' },
    key: { type: 'string' },
    limit: { type: 'string' },
    json: { type: 'boolean' },
  });
  const kind = parseKind(values.kind);
  const limitGiven = requireInt('limit', values.limit, 1, 1_000_000);
  if (values.indicator) {
    const from = requireDate('from', values.from)!;
    const to = requireDate('to', values.to)!;
    const asOf = requireDate('as-of', values['as-of'], false);
    const deadlineDays = requireInt('deadline-days', values['deadline-days'], 0, 3650);
    const core = await openCore(values.db);
    try {
      // Every case behind the figure (CLI.md: "exactly the cases behind that figure"), page by page;
      // --kind narrows the list and its total; --limit only shortens the list shown.
      const query = { indicator: values.indicator, from, to, ...(asOf ? { asOf } : {}), ...(deadlineDays !== undefined ? { deadlineDays } : {}), ...(values.key ? { key: values.key } : {}) };
      const PAGE = 10_000;
      let indicator = values.indicator;
      let total = 0;
      const cases: CaseSummary[] = [];
      for (let offset = 0; ; offset += PAGE) {
        const page = await core.call('indicators.cases', { ...query, limit: PAGE, offset });
        indicator = page.indicator;
        total = page.total;
        for (const c of page.cases) if (!kind || c.kind === kind) cases.push(c);
        if (page.cases.length < PAGE || offset + PAGE >= page.total) break;
        if (!kind && limitGiven !== undefined && cases.length >= limitGiven) break;
      }
      const count = kind ? cases.length : total;
      const shown = limitGiven !== undefined ? cases.slice(0, limitGiven) : cases;
      const out = { indicator, total: count, cases: shown };
      if (values.json) printJson(io, indicatorCasesOutput, out);
      else {
        io.out(`${count} ${count === 1 ? 'ärende' : 'ärenden'} bakom indikatorn ${indicator} (${from} – ${to})${shown.length < count ? ` (visar ${shown.length}; ange ett större --limit för fler)` : ''}.`);
        table(io, shown);
      }
      return 0;
    } finally {
      core.close();
    }
  }
  if (values['as-of']) throw new UsageError('--as-of gäller bara tillsammans med --indicator.');
  if (values['deadline-days'] !== undefined || values.key) throw new UsageError('--deadline-days och --key gäller bara tillsammans med --indicator.');
  const limit = limitGiven ?? 1000;
  const from = requireDate('from', values.from, false);
  const to = requireDate('to', values.to, false);
  const core = await openCore(values.db);
  try {
    // Each kind's newest `limit` cases and its total; both kinds are then merged by date (newest
    // first) and cut to `limit`, so the total always counts every case of both kinds.
    let total = 0;
    let totalIsLowerBound = false;
    const lists: CaseSummary[][] = [];
    for (const k of kind ? [kind] : (['deviation', 'dispute'] as const)) {
      const list: CaseSummary[] = [];
      let cursor: string | undefined;
      let first = true;
      do {
        const page = await core.call('cases.list', { kind: k, from, to, sort: 'date_desc', limit: Math.min(500, Math.max(1, limit - list.length)), cursor });
        if (first) {
          total += page.total;
          totalIsLowerBound ||= page.totalIsLowerBound;
        }
        first = false;
        list.push(...page.cases);
        cursor = page.nextCursor ?? undefined;
      } while (cursor && list.length < limit);
      lists.push(list);
    }
    const cases = mergeNewestFirst(lists).slice(0, limit);
    const out = { total, totalIsLowerBound, cases, nextCursor: null };
    if (values.json) printJson(io, caseListSchema, out);
    else {
      io.out(`${totalIsLowerBound ? 'Över ' : ''}${total} ${total === 1 && !totalIsLowerBound ? 'ärende' : 'ärenden'}${cases.length < total || totalIsLowerBound ? ` (visar ${cases.length}; ange --limit för fler)` : ''}.`);
      table(io, cases);
    }
    return 0;
  } finally {
    core.close();
  }
}
