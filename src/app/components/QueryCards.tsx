import type { ReactNode } from 'react';
import type { QueryState } from '../lib/use-staff-query.js';
import { Notice } from './Notice.js';
import { QueryStatus } from './QueryStatus.js';

/**
 * A loaded list shown as cards: loading and errors (QueryStatus), a notice when it is empty, else
 * one card per item, each a list item whose content `card` gives.
 */
export function QueryCards<D, T extends { id: string }>({
  query,
  items,
  empty,
  card,
}: {
  query: QueryState<D> & { reload?: () => void };
  items: (data: D) => T[];
  empty: string;
  card: (item: T) => ReactNode;
}) {
  if (query.status !== 'ready') return <QueryStatus query={query} />;
  const list = items(query.data);
  if (list.length === 0) return <Notice>{empty}</Notice>;
  return (
    <ul className="cards" role="list" style={{ listStyle: 'none', padding: 0 }}>
      {list.map((item) => (
        <li key={item.id} className="card">
          {card(item)}
        </li>
      ))}
    </ul>
  );
}
