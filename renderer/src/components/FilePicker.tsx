import { forwardRef, useId, useState } from 'react';

/**
 * A file input with a Swedish button and file name (the native widget's text follows the browser's
 * language). The real <input type="file"> stays in the tab order and carries the accessible name.
 */
export const FilePicker = forwardRef<
  HTMLInputElement,
  { id?: string; label: string; accept?: string; help?: string; disabled?: boolean; onFile(f: File | undefined): void }
>(function FilePicker(props, ref) {
  const auto = useId();
  const id = props.id ?? `${auto}-file`;
  const [name, setName] = useState<string | null>(null);
  return (
    <div className="file-picker">
      <span id={`${id}-label`} className="file-picker-label">
        {props.label}
      </span>
      <div className="file-picker-row">
        <input
          ref={ref}
          id={id}
          type="file"
          className="file-picker-input"
          accept={props.accept}
          disabled={props.disabled}
          aria-labelledby={`${id}-label`}
          aria-describedby={props.help ? `${id}-help` : undefined}
          onChange={(e) => {
            const f = e.target.files?.[0];
            setName(f?.name ?? null);
            props.onFile(f);
          }}
        />
        <label htmlFor={id} className="button-link file-picker-button" aria-hidden="true">
          Välj fil …
        </label>
        <span className="file-picker-name" aria-hidden="true">
          {name ?? 'Ingen fil vald'}
        </span>
      </div>
      {props.help ? (
        <p id={`${id}-help`} className="muted small">
          {props.help}
        </p>
      ) : null}
    </div>
  );
});
