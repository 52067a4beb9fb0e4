import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Page } from '../../components/Page.js';
import { QueryCards } from '../../components/QueryCards.js';
import { formatDateTime } from '../../lib/format.js';
import { useSession } from '../../lib/session.js';
import { useStaffQuery } from '../../lib/use-staff-query.js';
import { waveQueries } from './api.js';
import type { WaveView } from './types.js';
import './i18n.js';

export function WaveStatus({ wave }: { wave: Pick<WaveView, 'status'> & { phase?: WaveView['phase'] } }) {
  const { t } = useTranslation(['waves', 'concepts']);
  const phase = wave.phase ?? wave.status;
  return <span className={`badge badge--${phase}`}>{t(`concepts:phase_${phase}`)}</span>;
}

export function WavesPage() {
  const { t } = useTranslation(['waves', 'common', 'concepts']);
  const { agencyId = '' } = useParams();
  const session = useSession();
  const query = useStaffQuery(waveQueries.list(agencyId));
  return (
    <Page id="waves-title" title={t('title')} back={{ to: `/instansi/${agencyId}`, label: t('back') }}>
      {session.role === 'coordinator' && (
        <p>
          <Link className="button" to={`/instansi/${agencyId}/gelombang/baru`}>
            {t('create')}
          </Link>
        </p>
      )}
      <QueryCards
        query={query}
        items={(data) => data.waves}
        empty={t('none')}
        card={(w) => (
          <>
            <h2 style={{ marginTop: 0 }}>
              <Link to={`/gelombang/${w.id}`}>{w.name}</Link>
            </h2>
            <WaveStatus wave={w} />
            <p className="muted">{t('window', { opens: w.opensAt ? formatDateTime(w.opensAt) : t('atLaunch'), closes: formatDateTime(w.closesAt) })}</p>
          </>
        )}
      />
    </Page>
  );
}
