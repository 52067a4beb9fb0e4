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

/** A titled card within a page; the title names the region for screen readers. */
export function Panel({ id, title, children }: { id: string; title: ReactNode; children?: ReactNode }) {
  return (
    <section className="card" aria-labelledby={id}>
      <h2 id={id} style={{ marginTop: 0 }}>
        {title}
      </h2>
      {children}
    </section>
  );
}
