import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../components/DataTable.js';
import { Link } from 'react-router';
import { coreValues } from '../../../domain/values.js';
import { Notice } from '../../components/Notice.js';
import { QueryStatus } from '../../components/QueryStatus.js';
import { formatNumber } from '../../lib/format.js';
import { useStaffQuery } from '../../lib/use-staff-query.js';
import { resultQueries } from './api.js';
import { valueName } from './labels.js';
import { ReportActions } from './ReportActions.js';
import { ScoreText } from './ScoreText.js';
import type { Rankings } from './types.js';
import './i18n.js';

type Round = Rankings['rounds'][number];

/** Top 5 and top 10 are marked in words as well as colour. */
function topOf(rank: number | null): 'top5' | 'top10' | null {
  if (rank === null) return null;
  return rank <= 5 ? 'top5' : rank <= 10 ? 'top10' : null;
}

export function RankingsPage() {
  const { t } = useTranslation(['results', 'common']);
  const query = useStaffQuery(resultQueries.rankings());
  const [picked, setPicked] = useState<string | null>(null);
  const rounds = query.status === 'ready' ? query.data.rounds : [];
  // Rounds come newest first: the newest is shown until another is picked.
  const round = rounds.find((r) => r.round === picked) ?? rounds[0];
  return (
    <section aria-labelledby="rankings-title" className="results">
      <p className="no-print">
        <Link to="/">← {t('common:backHome')}</Link>
      </p>
      <h1 id="rankings-title">{t('rankings')}</h1>
      <p className="muted">{t('rankingsIntro')}</p>
      <QueryStatus query={query} />
      {query.status === 'ready' && !round && <Notice>{t('noRounds')}</Notice>}
      {round && (
        <>
          {rounds.length > 1 && (
            <div className="field no-print">
              <label htmlFor="round">{t('round')}</label>
              <select id="round" value={round.round} onChange={(e) => setPicked(e.target.value)}>
                {rounds.map((r) => (
                  <option key={r.round} value={r.round}>
                    {r.round}
                  </option>
                ))}
              </select>
            </div>
          )}
          <ReportActions />
          <RoundTable round={round} />
        </>
      )}
    </section>
  );
}

function RoundTable({ round }: { round: Round }) {
  const { t } = useTranslation('results');
  return (
    <DataTable
      label={`${t('rankings')} · ${round.round}`}
      className="data results__rankings"
      caption={
        <>
          <strong>
            {t('round')}: {round.round}
          </strong>{' '}
          <span className="muted">{t('agencies', { count: formatNumber(round.agencies.length) })}</span>
        </>
      }
      rows={round.agencies}
      rowKey={(a) => a.agencyId + a.waveId}
      rowProps={(a) => {
        const top = topOf(a.rank);
        return { className: top ? `results__${top}` : undefined };
      }}
      columns={[
        {
          header: t('rank'),
          cell: (a) => {
            const top = topOf(a.rank);
            return (
              <>
                <strong>{a.rank ?? '—'}</strong>
                {top && <> <span className="badge results__top-badge">{t(top)}</span></>}
              </>
            );
          },
        },
        {
          header: t('agency'),
          rowHeader: true,
          cell: (a) => (
            <>
              <Link to={`/gelombang/${a.waveId}/hasil`}>{a.agencyName}</Link>
              <br />
              <span className="muted">{a.waveName}</span>
            </>
          ),
        },
        { header: t('overall'), cell: (a) => <ScoreText score={a.overall} full /> },
        ...coreValues.map((cv) => ({
          header: valueName(cv.id),
          cell: (a: Round['agencies'][number]) => {
            const v = a.values.find((x) => x.valueId === cv.id);
            return (
              <>
                <ScoreText score={v?.score ?? null} />
                {v && v.rank !== null && (
                  <span className="muted results__value-rank">
                    <span aria-hidden="true"> #{v.rank}</span>
                    <span className="sr-only">, {t('rankOf', { rank: v.rank })}</span>
                  </span>
                )}
              </>
            );
          },
        })),
      ]}
    />
  );
}
