import { useDeferredValue, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DataTable } from '../../components/DataTable.js';
import { formatNumber } from '../../lib/format.js';
import { ScoreText } from './ScoreText.js';
import type { WaveResults } from './types.js';

const PAGE = 50;

/**
 * The people rated, by name. A large agency rates thousands: a search and a page at a time keep
 * the table short enough to read and to print.
 */
/** Named people's overall index, each opening their report: for coordinators and admins only (the server sends auditors none). */
export function RateeList({ results }: { results: WaveResults }) {
  const { t } = useTranslation('results');
  const [query, setQuery] = useState('');
  const [limit, setLimit] = useState(PAGE);
  const deferred = useDeferredValue(query.trim().toLocaleLowerCase());
  const unitName = useMemo(() => new Map(results.units.map((u) => [u.id, u.name])), [results.units]);
  const matches = useMemo(
    () => (deferred ? results.ratees.filter((r) => r.name.toLocaleLowerCase().includes(deferred) || r.nip.includes(deferred)) : results.ratees),
    [results.ratees, deferred],
  );
  const shown = matches.slice(0, limit);
  return (
    <section aria-labelledby="ratees-title">
      <h2 id="ratees-title">{t('ratees')}</h2>
      <p className="muted">{t('rateesHint')}</p>
      <div className="field no-print">
        <label htmlFor="ratee-search">{t('search')}</label>
        <input id="ratee-search" type="search" value={query} onChange={(e) => setQuery(e.target.value)} />
      </div>
      {matches.length === 0 ? (
        <p>{t('noMatch')}</p>
      ) : (
        <DataTable
          label={t('ratees')}
          rows={shown}
          rowKey={(r) => r.nip}
          columns={[
            {
              header: t('name'),
              rowHeader: true,
              cell: (r) => (
                <>
                  <Link to={`/gelombang/${encodeURIComponent(results.waveId)}/hasil/${r.nip}`}>{r.name}</Link> <span className="muted">{r.nip}</span>
                </>
              ),
            },
            { header: t('unit'), cell: (r) => unitName.get(r.unitId) ?? '' },
            { header: t('overall'), cell: (r) => <ScoreText score={r.overall} /> },
          ]}
        />
      )}
      {shown.length < matches.length && (
        <p className="no-print">
          <span className="muted">{t('showing', { shown: formatNumber(shown.length), total: formatNumber(matches.length) })}</span>{' '}
          <button type="button" className="button button--secondary" onClick={() => setLimit((n) => n + PAGE)}>
            {t('showMore', { count: Math.min(PAGE, matches.length - shown.length) })}
          </button>
        </p>
      )}
    </section>
  );
}
