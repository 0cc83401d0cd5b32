import { formatInt } from '../../../../shared/format';

interface Stage {
  stage: 'steg1' | 'steg2' | 'steg3' | 'avslut';
  label: string;
  from: string;
  to: string | null;
  days: number | null;
  current: boolean;
}

const ladder: { stage: Stage['stage']; short: string }[] = [
  { stage: 'steg1', short: 'Steg 1' },
  { stage: 'steg2', short: 'Steg 2' },
  { stage: 'steg3', short: 'Steg 3' },
  { stage: 'avslut', short: 'Avslut' },
];

const days = (n: number) => `${formatInt(n)} ${n === 1 ? 'dag' : 'dagar'}`;

/**
 * The escalation ladder as an ordered list drawn as a horizontal timeline. Every stage says in
 * text whether it is passed, ongoing or not reached, so nothing depends on colour.
 */
export function EscalationTimeline({ timeline, resolved }: { timeline: Stage[]; resolved: boolean }) {
  const reached = new Map(timeline.map((s) => [s.stage, s]));
  return (
    <ol className="timeline" aria-label="Eskaleringstrappan">
      {ladder.map(({ stage, short }) => {
        const s = reached.get(stage);
        const skipped = !s && resolved && stage !== 'avslut';
        const state = s ? (s.current ? 'current' : 'done') : skipped ? 'skipped' : 'future';
        const stateText = s ? (s.current ? 'Pågår' : stage === 'avslut' ? 'Avslutad' : 'Klar') : skipped ? 'Behövdes inte' : 'Inte nådd';
        return (
          <li key={stage} className={`timeline-step ${state}`} aria-current={s?.current ? 'step' : undefined}>
            <span className="timeline-marker" aria-hidden="true">
              {state === 'done' ? '✓' : state === 'current' ? '●' : stage === 'avslut' ? '■' : '○'}
            </span>
            <span className="timeline-title">{short}</span>
            <span className="timeline-state">{stateText}</span>
            {s ? (
              <>
                <span className="timeline-label">{s.label}</span>
                <span className="timeline-dates">
                  {stage === 'avslut' ? s.from : `${s.from} – ${s.to ?? 'pågår'}`}
                </span>
                {s.days != null ? <span className="timeline-days">{s.current ? `${days(s.days)} hittills` : days(s.days)}</span> : null}
              </>
            ) : (
              <span className="timeline-label muted">
                {stage === 'avslut' ? 'Ekonomisk reglering, allmän domstol eller enighet' : stage === 'steg2' ? 'Chef över chef (skyndsamt)' : 'Politisk instans / högsta tjänsteperson'}
              </span>
            )}
          </li>
        );
      })}
    </ol>
  );
}
