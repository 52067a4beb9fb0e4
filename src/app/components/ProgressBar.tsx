/** A labelled progress bar; without a value it shows work of unknown length. */
export function ProgressBar({ label, value }: { label: string; value?: number }) {
  const percent = value === undefined ? undefined : Math.round(value * 100);
  return (
    <div className="progress">
      <span className="progress__label">
        {label}
        {percent !== undefined && ` ${percent}%`}
      </span>
      <progress max={100} value={percent} aria-label={label} />
    </div>
  );
}
