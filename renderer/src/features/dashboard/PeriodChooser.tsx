import { useEffect, useId, useState } from 'react';
import { periodPresetLabels, periodProblem, presetPeriod, previousPeriod, type PeriodPreset } from '../../../../shared/periods';
import { navigate } from '../../router';
import { capitalise, detectPreset, nextPeriod, periodLabel, periodQuery, presetOptions, presetOrder, type DashboardPeriod, type Preset } from './period';

const ISO = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Period chooser: preset type (month … year, custom), the period, previous/next, and the as-of
 * date. Every change is written to the URL (#/oversikt?from=…&to=…&asOf=…).
 */
export function PeriodChooser({ period, refDate, defaultAsOf }: { period: DashboardPeriod; refDate: string; defaultAsOf: string | null }) {
  const ids = { type: useId(), period: useId(), from: useId(), to: useId(), asOf: useId(), asOfHelp: useId(), err: useId() };
  const detected = detectPreset(period);
  const [preset, setPreset] = useState<PeriodPreset>(detected);
  const [from, setFrom] = useState(period.from);
  const [to, setTo] = useState(period.to);
  const [asOf, setAsOf] = useState(period.asOf ?? '');
  const [problem, setProblem] = useState<string | null>(null);

  // follow the URL (back button, links)
  useEffect(() => {
    setPreset(detectPreset(period));
    setFrom(period.from);
    setTo(period.to);
    setAsOf(period.asOf ?? '');
    setProblem(null);
    setAsOfProblem(null);
  }, [period.from, period.to, period.asOf]);

  const go = (p: DashboardPeriod) => navigate('/oversikt', periodQuery(p));

  const onPreset = (value: PeriodPreset) => {
    setPreset(value);
    if (value !== 'custom') go({ ...presetPeriod(value, period.to), asOf: period.asOf });
  };

  const options = preset !== 'custom' ? presetOptions(preset as Preset, refDate > period.to ? refDate : period.to) : [];
  const current = `${period.from}_${period.to}`;
  if (preset !== 'custom' && !options.some((o) => o.value === current) && detected === preset) {
    options.push({ value: current, label: capitalise(periodLabel(period)), period });
  }

  const applyCustom = () => {
    const prob = periodProblem({ from, to });
    setProblem(prob);
    if (!prob) go({ from, to, asOf: period.asOf });
  };

  const [asOfProblem, setAsOfProblem] = useState<string | null>(null);
  const applyAsOf = (raw: string) => {
    const value = raw.trim();
    setAsOf(value);
    if (value === '') {
      setAsOfProblem(null);
      return go({ ...period, asOf: undefined });
    }
    const prob = ISO.test(value) ? periodProblem({ from: value, to: value }) : `Ogiltigt datum "${value}". Skriv datum som ÅÅÅÅ-MM-DD.`;
    setAsOfProblem(prob);
    if (!prob) go({ ...period, asOf: value });
  };

  const next = nextPeriod(period);
  const prev = previousPeriod(period);
  const nextTooLate = next.from > (period.asOf ?? defaultAsOf ?? refDate);

  return (
    <div className="card period-chooser">
      <form
        aria-label="Välj period"
        onSubmit={(e) => {
          e.preventDefault();
          if (preset === 'custom') applyCustom();
        }}
      >
      <div className="pc-row">
        <div className="pc-field">
          <label htmlFor={ids.type}>Periodtyp</label>
          <select id={ids.type} value={preset} onChange={(e) => onPreset(e.target.value as PeriodPreset)}>
            {[...presetOrder, 'custom' as const].map((p) => (
              <option key={p} value={p}>
                {periodPresetLabels[p]}
              </option>
            ))}
          </select>
        </div>
        {preset !== 'custom' ? (
          <div className="pc-field pc-wide">
            <label htmlFor={ids.period}>Period</label>
            <select
              id={ids.period}
              value={detected === preset ? current : ''}
              onChange={(e) => {
                const o = options.find((x) => x.value === e.target.value);
                if (o) go({ ...o.period, asOf: period.asOf });
              }}
            >
              {detected !== preset ? <option value="">Välj …</option> : null}
              {options.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label} ({o.period.from} – {o.period.to})
                </option>
              ))}
            </select>
          </div>
        ) : (
          <>
            <div className="pc-field">
              <label htmlFor={ids.from}>Från och med</label>
              <input
                id={ids.from}
                type="text"
                inputMode="numeric"
                placeholder="ÅÅÅÅ-MM-DD"
                size={11}
                value={from}
                onChange={(e) => setFrom(e.target.value.trim())}
                aria-describedby={problem ? ids.err : undefined}
                aria-invalid={problem ? true : undefined}
                required
              />
            </div>
            <div className="pc-field">
              <label htmlFor={ids.to}>Till och med</label>
              <input
                id={ids.to}
                type="text"
                inputMode="numeric"
                placeholder="ÅÅÅÅ-MM-DD"
                size={11}
                value={to}
                onChange={(e) => setTo(e.target.value.trim())}
                aria-describedby={problem ? ids.err : undefined}
                aria-invalid={problem ? true : undefined}
                required
              />
            </div>
            <div className="pc-field pc-button">
              <button type="submit" className="primary">
                Visa perioden
              </button>
            </div>
          </>
        )}
        <div className="pc-field pc-step">
          <button type="button" onClick={() => go({ ...prev, asOf: period.asOf })} aria-label={`Föregående period: ${periodLabel(prev)}`}>
            ← Föregående
          </button>
          <button type="button" onClick={() => go({ ...next, asOf: period.asOf })} disabled={nextTooLate} aria-label={`Nästa period: ${periodLabel(next)}`}>
            Nästa →
          </button>
        </div>
      </div>
      {problem ? (
        <p id={ids.err} className="field-error" role="alert">
          {problem}
        </p>
      ) : null}
      </form>
      <form
        className="pc-row pc-asof"
        aria-label="Datum för datauttaget"
        onSubmit={(e) => {
          e.preventDefault();
          applyAsOf(asOf);
        }}
      >
        <div className="pc-field">
          <label htmlFor={ids.asOf}>Data per (datum för datauttaget)</label>
          <input
            id={ids.asOf}
            type="text"
            inputMode="numeric"
            placeholder={defaultAsOf ?? 'ÅÅÅÅ-MM-DD'}
            value={asOf}
            size={11}
            onChange={(e) => setAsOf(e.target.value)}
            aria-describedby={`${ids.asOfHelp}${asOfProblem ? ` ${ids.err}-asof` : ''}`}
            aria-invalid={asOfProblem ? true : undefined}
          />
        </div>
        <div className="pc-field pc-button">
          <button type="submit">Använd datum</button>
        </div>
        <p id={ids.asOfHelp} className="small muted pc-help">
          {period.asOf ? (
            <>
              Valt datum {period.asOf}.{' '}
              <button type="button" className="link-button" onClick={() => applyAsOf('')}>
                Använd senaste importens datum{defaultAsOf ? ` (${defaultAsOf})` : ''}
              </button>
            </>
          ) : (
            <>Standard: senaste importens datum{defaultAsOf ? ` (${defaultAsOf})` : ''}.</>
          )}{' '}
          Skriv ÅÅÅÅ-MM-DD. Händelser efter detta datum räknas som att de ännu inte har inträffat.
        </p>
        {asOfProblem ? (
          <p id={`${ids.err}-asof`} className="field-error pc-full" role="alert">
            {asOfProblem}
          </p>
        ) : null}
      </form>
    </div>
  );
}
