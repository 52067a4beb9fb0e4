/** The end of a small form: what is wrong with it (announced), and its one submit button. */
export function FormEnd({ error, busy, label }: { error: string | null; busy: boolean; label: string }) {
  return (
    <>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="button" disabled={busy}>
        {label}
      </button>
    </>
  );
}
