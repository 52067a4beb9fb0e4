import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Notice } from '../../components/Notice.js';
import { QueryStatus } from '../../components/QueryStatus.js';
import { ProgressBar } from '../../components/ProgressBar.js';
import { useSession } from '../../lib/session.js';
import { useStaffQuery } from '../../lib/use-staff-query.js';
import { getCeremony, sealingQueries } from './api.js';
import { KeyFileFields, useFailureText } from './KeyFileFields.js';
import { OpeningStatusView } from './OpeningStatusView.js';
import type { Phase } from './types.js';
import { runInWorker } from './worker-protocol.js';
import './i18n.js';

type Work = { state: 'idle' } | { state: 'working'; phase: Phase; fraction?: number } | { state: 'waiting' } | { state: 'sent' } | { state: 'failed'; message: string };

/** Opening a closed wave: who still has to act, and the signed-in trustee's part, in a Web Worker. */
export function OpeningPage() {
  const { t } = useTranslation(['sealing', 'common']);
  const failureText = useFailureText();
  const { waveId = '' } = useParams();
  const session = useSession();
  const status = useStaffQuery(sealingQueries.opening(waveId));
  const [work, setWork] = useState<Work>({ state: 'idle' });
  const reload = status.reload;
  const done = status.status === 'ready' && status.data.done;
  useEffect(() => {
    if (done) return;
    const timer = setInterval(reload, 4000);
    return () => clearInterval(timer);
  }, [done, reload]);

  const open = async (keyFile: Parameters<Parameters<typeof KeyFileFields>[0]['onReady']>[0], passphrase: string) => {
    if (status.status !== 'ready') return;
    setWork({ state: 'working', phase: 'counts' });
    const token = await session.getIdToken();
    const ceremony = await getCeremony(token, status.data.ceremonyId);
    const reply = await runInWorker({ kind: 'open', ceremony, keyFile, passphrase, token, waveId }, (update) => {
      if (update.kind === 'progress') setWork({ state: 'working', phase: update.phase, fraction: update.total ? update.done / update.total : undefined });
      if (update.kind === 'waiting') setWork({ state: 'waiting' });
    });
    setWork(reply.kind === 'opened' ? { state: 'sent' } : { state: 'failed', message: reply.kind === 'failed' ? failureText(reply.code, reply.detail) : t('error_internal') });
    reload();
  };

  const seat = status.status === 'ready' ? status.data.trustees.find((x) => x.email === session.email) : undefined;
  return (
    <section aria-labelledby="opening-title">
      <p>
        <Link to={session.role ? `/gelombang/${waveId}` : '/'}>← {t('back')}</Link>
      </p>
      <h1 id="opening-title">{t('homeTitle')}</h1>
      <p>{t('openIntro')}</p>
      <QueryStatus query={status} />
      {status.status === 'ready' && <OpeningStatusView status={status.data} />}
      {status.status === 'ready' && status.data.done && (
        <Notice tone="success">
          {t('resultsReady')} {session.role && <Link to={`/gelombang/${waveId}/hasil`}>{t('seeResults')}</Link>}
        </Notice>
      )}
      {status.status === 'ready' && !status.data.done && session.trustee && seat && !(seat.counts && seat.sums) && (
        <div className="card">
          {work.state === 'idle' || work.state === 'failed' ? (
            <>
              {work.state === 'failed' && <Notice tone="error">{work.message}</Notice>}
              <KeyFileFields busy={false} action={t('openWithKey')} onReady={(k, p) => void open(k, p)} />
            </>
          ) : work.state === 'working' ? (
            <ProgressBar label={`${t('opening')} · ${t(`phase_${work.phase}`)}`} value={work.fraction} />
          ) : work.state === 'waiting' ? (
            <p role="status">{t('waitingPhase')}</p>
          ) : (
            <p role="status">{t('opened')}</p>
          )}
        </div>
      )}
    </section>
  );
}
