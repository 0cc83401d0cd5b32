/**
 * Drill-down: exactly the cases behind a figure, with the same SQL predicate as the figure
 * (figures.ts). `key` selects a part of a breakdown or the numerator/denominator of a share.
 */
import type Database from 'better-sqlite3';
import { categoryLabels } from '../../../shared/labels.sv';
import { categoryCodes, partyTypes, type CategoryCode } from '../../../shared/domain/enums';
import type { CaseSummary } from '../../../shared/api/common';
import { catalogueEntry, type IndicatorId } from '../../../shared/indicators/catalogue';
import { normalizeKommun } from '../../../shared/text';
import { UserError } from '../errors';
import { breakdownWhere, DEV_MONTH, figureParams, shareFigures, simpleFigures, type FigurePart, type ShareKey } from './figures';
import { chartMonths, monthParams, prepared, resolvePeriod, type ComputeInput } from './compute';

export interface CasesInput extends ComputeInput {
  indicator: IndicatorId;
  key?: string;
  limit: number;
  offset: number;
}

export interface CasesEnv {
  sqlite: Database.Database;
  kommuner: { code: string; name: string }[];
  defaultDeadlineDays: number;
  now: Date;
}

// The status as of E, like the figures: an answer or a close after E has not happened yet (the
// stored status is the export's latest; before its answer a case counts as "pågående").
const DEV_SELECT = `SELECT 'deviation' AS kind, d.id AS id, d.external_id AS externalId, d.reported_at AS date,
  d.category AS category,
  CASE WHEN d.closed_at > @asOf OR (d.closed_at IS NULL AND d.answered_at > @asOf AND d.status = 'besvarad')
       THEN CASE WHEN d.answered_at <= @asOf THEN 'besvarad' ELSE 'pagaende' END
       ELSE d.status END AS status,
  d.kommun AS kommun, d.reporting_org AS reportingOrg, d.receiving_org AS receivingOrg
  FROM deviations d`;
const DISP_SELECT = `SELECT 'dispute' AS kind, s.id AS id, s.external_id AS externalId, s.opened_at AS date,
  s.area AS category,
  CASE WHEN s.resolved_at <= @asOf THEN 'löst' WHEN s.step3_at <= @asOf THEN 'steg 3' WHEN s.step2_at <= @asOf THEN 'steg 2' ELSE 'steg 1' END AS status,
  NULL AS kommun, s.party_a AS reportingOrg, s.party_b AS receivingOrg
  FROM disputes s`;

function noKey(indicator: string, key: string | undefined): void {
  if (key !== undefined && key !== '') {
    throw new UserError(`Indikatorn ${indicator} har ingen uppdelning; ange ingen nyckel (--key).`, 'BAD_INPUT');
  }
}

function shareKey(indicator: string, key: string | undefined): ShareKey {
  if (key === undefined || key === '' || key === 'numerator' || key === 'täljare') return 'numerator';
  if (key === 'denominator' || key === 'nämnare') return 'denominator';
  throw new UserError(`Nyckeln "${key}" passar inte ${indicator}: ange numerator (täljare) eller denominator (nämnare).`, 'BAD_INPUT');
}

/** The parts (table + WHERE + key parameters) behind a figure. */
export function figureParts(sqlite: Database.Database, input: CasesInput, kommuner: { code: string; name: string }[]): FigurePart[] {
  const { indicator, key } = input;
  const shares = shareFigures[indicator];
  if (shares) return shares[shareKey(indicator, key)];
  switch (indicator) {
    case 'dev.byCategory': {
      if (!key) return simpleFigures[indicator]!;
      if (!(categoryCodes as readonly string[]).includes(key)) {
        throw new UserError(`Okänt område "${key}". Ange en områdeskod, t.ex. ${categoryCodes.slice(0, 3).join(', ')}.`, 'BAD_INPUT');
      }
      return [{ kind: 'deviation', where: breakdownWhere.category, params: { key } }];
    }
    case 'dev.byFlow': {
      if (!key) return simpleFigures[indicator]!;
      const m = /^\s*(\w+)\s*(?:->|→)\s*(\w+)\s*$/.exec(key);
      const ok = (t: string | undefined) => !!t && (partyTypes as readonly string[]).includes(t);
      if (!m || !ok(m[1]) || !ok(m[2])) {
        throw new UserError(`Okänt flöde "${key}". Skriv flödet som kommun->region (huvudmännen kommun, region eller privat).`, 'BAD_INPUT');
      }
      return [{ kind: 'deviation', where: breakdownWhere.flow, params: { keyFrom: m[1]!, keyTo: m[2]! } }];
    }
    case 'dev.byKommun': {
      if (!key) return simpleFigures[indicator]!;
      const k = kommuner.find((x) => x.code === key.trim()) ?? kommuner.find((x) => normalizeKommun(x.name) === normalizeKommun(key));
      if (!k) throw new UserError(`Kommunen "${key}" ingår inte i arbetsytans delregion.`, 'BAD_INPUT');
      return [{ kind: 'deviation', where: breakdownWhere.kommun, params: { key: k.code } }];
    }
    case 'disp.openAtEnd': {
      if (!key) return simpleFigures[indicator]!;
      if (!['1', '2', '3'].includes(key.trim())) throw new UserError(`Okänt steg "${key}". Ange steg 1, 2 eller 3.`, 'BAD_INPUT');
      return [{ kind: 'dispute', where: breakdownWhere.step, params: { key: Number(key.trim()) } }];
    }
    case 'dev.monthly': {
      const months = chartMonths(sqlite, input.to);
      if (months.length === 0) return [{ kind: 'deviation', where: '0' }];
      if (!key) {
        return [{ kind: 'deviation', where: DEV_MONTH, params: { mFrom: monthParams(months[0]!).mFrom, mTo: monthParams(months[months.length - 1]!).mTo } }];
      }
      if (!months.includes(key.trim())) {
        throw new UserError(`Månaden "${key}" finns inte i diagrammet (${months[0]} – ${months[months.length - 1]}). Skriv månaden som ÅÅÅÅ-MM.`, 'BAD_INPUT');
      }
      return [{ kind: 'deviation', where: DEV_MONTH, params: monthParams(key.trim()) }];
    }
    case 'learn.newPrecedents':
      throw new UserError(
        'Indikatorn Nya vägledande fall räknar prejudikat, inte ärenden, och har därför ingen ärendelista. Öppna prejudikatbiblioteket för att se dem.',
        'BAD_INPUT',
      );
    default: {
      noKey(indicator, key);
      const parts = simpleFigures[indicator];
      if (!parts) throw new UserError(`Indikatorn ${indicator} har ingen ärendelista.`, 'BAD_INPUT');
      return parts;
    }
  }
}

export function indicatorCases(env: CasesEnv, input: CasesInput): { indicator: string; total: number; cases: CaseSummary[] } {
  if (!catalogueEntry(input.indicator)) throw new UserError(`Okänd indikator "${input.indicator}".`, 'BAD_INPUT');
  const period = resolvePeriod(env, input);
  const base = figureParams(period.from, period.to, period.asOf, period.deadlineDays);
  const parts = figureParts(env.sqlite, { ...input, ...period }, env.kommuner);
  let total = 0;
  const selects: string[] = [];
  const params: Record<string, string | number> = { ...base };
  parts.forEach((part, i) => {
    // key parameters are renamed per part so that parts can share one UNION query
    let where = part.where;
    for (const [k, v] of Object.entries(part.params ?? {})) {
      const name = `${k}_${i}`;
      where = where.replace(new RegExp(`@${k}\\b`, 'g'), `@${name}`);
      params[name] = v;
    }
    const table = part.kind === 'deviation' ? 'deviations d' : 'disputes s';
    total += Number(prepared(env.sqlite, `SELECT count(*) FROM ${table} WHERE ${where}`).pluck().get(params));
    selects.push(`${part.kind === 'deviation' ? DEV_SELECT : DISP_SELECT} WHERE ${where}`);
  });
  const sql = `SELECT * FROM (${selects.join(' UNION ALL ')}) ORDER BY date, kind, id LIMIT @limit OFFSET @offset`;
  const rows = prepared(env.sqlite, sql).all({ ...params, limit: input.limit, offset: input.offset }) as Omit<CaseSummary, 'title'>[];
  return {
    indicator: input.indicator,
    total,
    cases: rows.map((r) => ({ ...r, title: categoryLabels[r.category as CategoryCode] ?? r.category })),
  };
}

