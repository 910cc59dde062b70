import { InputHTMLAttributes, ReactNode, useId } from 'react';

/** A labelled input: the label is clickable and read by screen readers; errors are announced. */
export function Field({ label, hint, error, ...input }: InputHTMLAttributes<HTMLInputElement> & { label: ReactNode; hint?: ReactNode; error?: string }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} aria-invalid={error ? true : undefined} aria-describedby={hint ? `${id}-hint` : undefined} {...input} />
      {hint && <small id={`${id}-hint`} className="muted">{hint}</small>}
      {error && <small role="alert" className="field-error">{error}</small>}
    </div>
  );
}

export function Select({ label, options, ...select }: React.SelectHTMLAttributes<HTMLSelectElement> & { label: ReactNode; options: { value: string; label: string }[] }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} {...select}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>{o.label}</option>
        ))}
      </select>
    </div>
  );
}
