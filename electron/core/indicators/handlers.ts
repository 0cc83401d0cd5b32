import type { HandlerMap } from '../../../shared/api/contract';
import type { indicatorMethods } from '../../../shared/api/indicators';
import { catalogue } from '../../../shared/indicators/catalogue';
import { previousPeriod, yearEarlierPeriod } from '../../../shared/periods';
import type { CoreContext } from '../context';
import { computeIndicators, resolvePeriod, type ComputeEnv, type ComputeInput } from './compute';
import { indicatorCases } from './drilldown';

function env(ctx: CoreContext): ComputeEnv {
  const ws = ctx.ws();
  const s = ws.settings();
  return { sqlite: ws.sqlite, delregionId: s.delregionId, kommuner: s.kommuner, defaultDeadlineDays: s.deadlineDays, now: ctx.now() };
}

/** The document of the contract (without the internal population details). */
function document(e: ComputeEnv, input: ComputeInput) {
  const { populationUsed: _p, ...doc } = computeIndicators(e, input);
  return doc;
}

export function createIndicatorHandlers(ctx: CoreContext): HandlerMap<typeof indicatorMethods> {
  return {
    'indicators.compute': (input) => document(env(ctx), input),
    'indicators.dashboard': (input) => {
      const e = env(ctx);
      // one as-of date and deadline for all three periods
      const p = resolvePeriod(e, input);
      const { populationUsed, ...current } = computeIndicators(e, p);
      const prev = previousPeriod(p);
      const earlier = yearEarlierPeriod(p);
      const used = populationUsed.perKommun;
      const years = used.filter((k) => k.year !== null).map((k) => k.year as number);
      const newest = years.length ? Math.max(...years) : null;
      return {
        current,
        previous: document(e, { ...p, ...prev }),
        yearEarlier: document(e, { ...p, ...earlier }),
        populationYears: used.map((k) => ({ code: k.code, kommun: k.kommun, year: k.year, value: k.value, source: k.source })),
        missingPopulation: used.filter((k) => k.year === null).map((k) => ({ code: k.code, kommun: k.kommun })),
        olderPopulation: used
          .filter((k) => k.year !== null && newest !== null && k.year < newest)
          .map((k) => ({ code: k.code, kommun: k.kommun, year: k.year as number })),
      };
    },
    'indicators.cases': (input) => indicatorCases(env(ctx), input),
    'indicators.catalogue': () => catalogue.map((e) => ({ ...e })),
  };
}
