import { useEffect, useId, useState } from 'react';
import { periodProblem, presetPeriod, previousPeriod, type PeriodPreset } from '../../../../shared/periods';
import { navigate } from '../../router';
import { detectPreset, nextPeriod, periodLabel, periodQuery, type DashboardPeriod } from './period';
import { PeriodField, PresetField } from './PeriodFields';

const ISO = /^\d{4}-\d{2}-\d{2}$/;

/** A date of a custom period, typed as ÅÅÅÅ-MM-DD; `errorId` names the problem shown below. */
function CustomDateField({ id, label, value, onChange, errorId }: { id: string; label: string; value: string; onChange(v: string): void; errorId: string | undefined }) {
  return (
    <div className="pc-field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="text"
        inputMode="numeric"
        placeholder="ÅÅÅÅ-MM-DD"
        size={11}
        value={value}
        onChange={(e) => onChange(e.target.value.trim())}
        aria-describedby={errorId}
        aria-invalid={errorId ? true : undefined}
        required
      />
    </div>
  );
}

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
        <PresetField id={ids.type} className="pc-field" value={preset} onChange={onPreset} />
        {preset !== 'custom' ? (
          <PeriodField id={ids.period} className="pc-field pc-wide" preset={preset} period={period} refDate={refDate} onChoose={(p) => go({ ...p, asOf: period.asOf })} />
        ) : (
          <>
            <CustomDateField id={ids.from} label="Från och med" value={from} onChange={setFrom} errorId={problem ? ids.err : undefined} />
            <CustomDateField id={ids.to} label="Till och med" value={to} onChange={setTo} errorId={problem ? ids.err : undefined} />
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
