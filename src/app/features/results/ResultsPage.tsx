import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Notice } from '../../components/Notice.js';
import { QueryStatus } from '../../components/QueryStatus.js';
import { formatDateTime, formatNumber } from '../../lib/format.js';
import { localized } from '../../lib/i18n.js';
import { useSession } from '../../lib/session.js';
import { useStaffQuery } from '../../lib/use-staff-query.js';
import { resultQueries } from './api.js';
import { BandDistribution } from './BandDistribution.js';
import { RateeList } from './RateeList.js';
import { ReportActions } from './ReportActions.js';
import { ScoreText } from './ScoreText.js';
import type { WaveResults } from './types.js';
import { UnitTable } from './UnitTable.js';
import { ValueScores } from './ValueScores.js';
import { ValuesRadar } from './ValuesRadar.js';
import './i18n.js';

/** `whileSealed`: shown, from the route, while a closed wave's trustees have not opened it yet. */
export function ResultsPage({ whileSealed }: { whileSealed?: ReactNode }) {
  const { t } = useTranslation(['results', 'common']);
  const { waveId = '' } = useParams();
  const session = useSession();
  // The wave names the page even while its results are refused (before it closes).
  const wave = useStaffQuery(resultQueries.wave(waveId));
  const query = useStaffQuery(resultQueries.results(waveId));
  const name = query.status === 'ready' ? query.data.waveName : wave.status === 'ready' ? wave.data.name : null;
  return (
    <section aria-labelledby="results-title" className="results">
      <p className="no-print">
        <Link to={`/gelombang/${waveId}`}>← {t('back')}</Link>
      </p>
      <h1 id="results-title">{name ? t('title', { name }) : t('titlePlain')}</h1>
      {query.status === 'error' && (query.error.code === 'wave_not_closed' || query.error.code === 'results_sealed') ? (
        <>
          <Notice title={t('notYet')}>
            <p style={{ margin: 0 }}>{localized(query.error.messages)}</p>
          </Notice>
          {query.error.code === 'results_sealed' && whileSealed}
        </>
      ) : (
        <QueryStatus query={query} />
      )}
      {query.status === 'ready' && <ResultsView results={query.data} linkReports={session.role === 'coordinator' || session.role === 'admin'} />}
    </section>
  );
}

function ResultsView({ results, linkReports }: { results: WaveResults; linkReports: boolean }) {
  const { t } = useTranslation('results');
  const { agency } = results;
  return (
    <>
      <p className="muted">
        {results.closedAt && `${t('closedAt', { at: formatDateTime(results.closedAt) })} `}
        {t('method', { ...results.weights, k: results.k })}
      </p>
      <ReportActions exportWaveId={results.waveId} />
      <div className="card results__headline">
        <h2 style={{ marginTop: 0 }}>{t('agencyIndex')}</h2>
        {agency.overall ? (
          <p className="results__index" data-testid="agency-index">
            <ScoreText score={agency.overall} full />
          </p>
        ) : (
          <Notice>{t('noIndex')}</Notice>
        )}
        <p className="muted">{t('rateesScored', { scored: formatNumber(agency.ratees.scored), total: formatNumber(agency.ratees.total) })}</p>
      </div>
      <div className="results__pair">
        <ValueScores values={agency.values} />
        <ValuesRadar
          title={t('radar')}
          tableTitle={t('radarTable')}
          valueIds={agency.values.map((v) => v.valueId)}
          series={[{ label: t('agencyIndex'), data: agency.values.map((v) => v.score?.score ?? null), color: '#0b4f8a' }]}
        />
      </div>
      <UnitTable results={results} />
      <BandDistribution counts={agency.distribution.overall} />
      {linkReports ? <RateeList results={results} /> : <p className="muted">{t('rateesForAuditors')}</p>}
    </>
  );
}
