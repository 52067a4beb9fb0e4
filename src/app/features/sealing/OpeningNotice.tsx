import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Notice } from '../../components/Notice.js';
import { useSession } from '../../lib/session.js';
import { useStaffQuery } from '../../lib/use-staff-query.js';
import { sealingQueries } from './api.js';
import { OpeningStatusView } from './OpeningStatusView.js';
import './i18n.js';

/** On a closed wave's results page while its results are still sealed: who still has to act. */
export function OpeningNotice() {
  const { t } = useTranslation('sealing');
  const { waveId = '' } = useParams();
  const session = useSession();
  const status = useStaffQuery(sealingQueries.opening(waveId));
  if (status.status !== 'ready') return null;
  return (
    <Notice>
      <OpeningStatusView status={status.data} />
      {session.trustee && (
        <p style={{ margin: 0 }}>
          <Link to={`/gelombang/${waveId}/buka`}>{t('openWithKey')}</Link>
        </p>
      )}
    </Notice>
  );
}
