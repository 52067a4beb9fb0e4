import type { ReactNode } from 'react';
import { Link } from 'react-router';

/** A staff page: a link back to where it was opened from, and its title naming the section. */
export function Page({ id, title, back, children }: { id: string; title: ReactNode; back?: { to: string; label: string }; children?: ReactNode }) {
  return (
    <section aria-labelledby={id}>
      {back && (
        <p>
          <Link to={back.to}>← {back.label}</Link>
        </p>
      )}
      <h1 id={id}>{title}</h1>
      {children}
    </section>
  );
}
