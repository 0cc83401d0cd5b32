/**
 * The two period fields shared by the overview's period chooser and the report page: the kind of
 * period (month … year, custom) and, for a preset, the period itself.
 */
import { periodPresetLabels, type Period, type PeriodPreset } from '../../../../shared/periods';
import { capitalise, detectPreset, periodLabel, presetOptions, presetOrder, type Preset } from './period';

/** "Periodtyp": a preset or a custom period. */
export function PresetField({ id, className, value, onChange }: { id: string; className?: string; value: PeriodPreset; onChange(p: PeriodPreset): void }) {
  return (
    <div className={className}>
      <label htmlFor={id}>Periodtyp</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value as PeriodPreset)}>
        {[...presetOrder, 'custom' as const].map((p) => (
          <option key={p} value={p}>
            {periodPresetLabels[p]}
          </option>
        ))}
      </select>
    </div>
  );
}

/**
 * "Period": the periods of the chosen preset around `refDate` (or the shown period, if later),
 * with the shown period added when the list does not have it.
 */
export function PeriodField({
  id,
  className,
  preset,
  period,
  refDate,
  onChoose,
}: {
  id: string;
  className?: string;
  preset: Preset;
  period: Period;
  refDate: string;
  onChoose(p: Period): void;
}) {
  const detected = detectPreset(period);
  const options = presetOptions(preset, refDate > period.to ? refDate : period.to);
  const current = `${period.from}_${period.to}`;
  if (detected === preset && !options.some((o) => o.value === current)) {
    options.push({ value: current, label: capitalise(periodLabel(period)), period });
  }
  return (
    <div className={className}>
      <label htmlFor={id}>Period</label>
      <select
        id={id}
        value={detected === preset ? current : ''}
        onChange={(e) => {
          const o = options.find((x) => x.value === e.target.value);
          if (o) onChoose(o.period);
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
  );
}
