import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Notice } from '../../components/Notice.js';
import { Panel } from '../../components/Page.js';
import { QueryStatus } from '../../components/QueryStatus.js';
import { ProgressBar } from '../../components/ProgressBar.js';
import { ApiRequestError } from '../../lib/api-client.js';
import { followJob } from '../../lib/jobs.js';
import { closeWave, launchWave, previewPlan, reissueInvitation, waveQueries } from './api.js';
import { formatDateTime } from '../../lib/format.js';
import { localized } from '../../lib/i18n.js';
import { useSession } from '../../lib/session.js';
import { useStaffQuery } from '../../lib/use-staff-query.js';
import { linkUrl } from './links.js';
import { LinksPanel } from './LinksPanel.js';
import { PlanPreviewView } from './PlanPreview.js';
import type { InvitationLink, PlanPreview, WaveView } from './types.js';
import { WaveStatus } from './WavesPage.js';
import './i18n.js';

const messageOf = (err: unknown) => (err instanceof ApiRequestError ? localized(err.messages) : String(err));

function DraftActions({ wave, onLaunched }: { wave: WaveView; onLaunched: () => void }) {
  const { t } = useTranslation('waves');
  const session = useSession();
  const [preview, setPreview] = useState<PlanPreview | null>(null);
  const [busy, setBusy] = useState<'preview' | 'launch' | null>(null);
  const [launchShare, setLaunchShare] = useState<number | undefined>(undefined);
  const [confirmed, setConfirmed] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [launched, setLaunched] = useState<{ invitations: number; tickets: number } | null>(null);

  const runPreview = async () => {
    setBusy('preview');
    setFailure(null);
    try {
      setPreview(await previewPlan(await session.getIdToken(), wave.id));
    } catch (err) {
      setFailure(messageOf(err));
    } finally {
      setBusy(null);
    }
  };
  const launch = async () => {
    if (!preview) return;
    setBusy('launch');
    setFailure(null);
    setLaunchShare(undefined);
    try {
      // The launch runs as a job on the server: its progress is followed until it ends.
      const { job } = await launchWave(await session.getIdToken(), wave.id, preview.planHash);
      const ended = await followJob(job, () => session.getIdToken(), setLaunchShare);
      if (ended.kind === 'wave.launch' && ended.result) setLaunched(ended.result);
      onLaunched();
    } catch (err) {
      if (err instanceof ApiRequestError && err.code === 'plan_changed') setPreview(null);
      setFailure(messageOf(err));
    } finally {
      setBusy(null);
    }
  };

  if (launched) return <Notice tone="success">{t('launched', launched)}</Notice>;
  return (
    <>
      <div className="actions">
        <Link className="button button--secondary" to={`/gelombang/${wave.id}/ubah`}>
          {t('edit')}
        </Link>
        <button type="button" className="button" disabled={busy !== null} onClick={() => void runPreview()}>
          {t('preview')}
        </button>
      </div>
      {failure && <Notice tone="error">{failure}</Notice>}
      {busy === 'preview' && <ProgressBar label={t('previewing')} />}
      {preview && (
        <Panel id="preview-title" title={t('previewTitle')}>
          <PlanPreviewView preview={preview} />
          <h2>{t('launchTitle')}</h2>
          <Notice>{t('launchWarning')}</Notice>
          <label className="checkbox">
            <input type="checkbox" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} />
            {t('launchConfirm')}
          </label>
          <button type="button" className="button" disabled={!confirmed || busy !== null} onClick={() => void launch()}>
            {busy === 'launch' ? t('launching') : t('launch')}
          </button>
          {busy === 'launch' && <ProgressBar label={t('launching')} value={launchShare} />}
        </Panel>
      )}
    </>
  );
}

function ReissuePanel({ wave }: { wave: WaveView }) {
  const { t } = useTranslation('waves');
  const session = useSession();
  const [nip, setNip] = useState('');
  const [invalid, setInvalid] = useState(false);
  const [link, setLink] = useState<InvitationLink | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const digits = nip.replace(/\D/g, '');
    setInvalid(digits.length !== 18);
    if (digits.length !== 18) return;
    setFailure(null);
    setLink(null);
    try {
      setLink((await reissueInvitation(await session.getIdToken(), wave.id, digits)).link);
    } catch (err) {
      setFailure(messageOf(err));
    }
  };
  return (
    <Panel id="reissue-title" title={t('reissueTitle')}>
      <p className="muted">{t('reissueIntro')}</p>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <div className="field">
          <label htmlFor="reissue-nip">{t('nip')}</label>
          <input id="reissue-nip" inputMode="numeric" value={nip} onChange={(e) => setNip(e.target.value)} aria-invalid={invalid} aria-describedby={invalid ? 'reissue-nip-error' : undefined} />
          {invalid && (
            <p id="reissue-nip-error" className="field__error">
              {t('nipInvalid')}
            </p>
          )}
        </div>
        <button type="submit" className="button">
          {t('reissue')}
        </button>
      </form>
      {failure && <Notice tone="error">{failure}</Notice>}
      {link && (
        <Notice tone="success" title={t('reissued', { name: link.name })}>
          <code data-testid="reissued-link" style={{ wordBreak: 'break-all' }}>
            {linkUrl(link.code)}
          </code>
        </Notice>
      )}
    </Panel>
  );
}

function ClosePanel({ wave, onClosed }: { wave: WaveView; onClosed: () => void }) {
  const { t } = useTranslation('waves');
  const session = useSession();
  const [confirmed, setConfirmed] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const close = async () => {
    try {
      await closeWave(await session.getIdToken(), wave.id);
      onClosed();
    } catch (err) {
      setFailure(messageOf(err));
    }
  };
  return (
    <Panel id="close-title" title={t('closeTitle')}>
      <p>{t('closeWarning')}</p>
      {failure && <Notice tone="error">{failure}</Notice>}
      <label className="checkbox">
        <input type="checkbox" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} />
        {t('closeConfirm')}
      </label>
      <button type="button" className="button" disabled={!confirmed} onClick={() => void close()}>
        {t('close')}
      </button>
    </Panel>
  );
}

export function WavePage() {
  const { t } = useTranslation(['waves', 'common']);
  const { waveId = '' } = useParams();
  const session = useSession();
  const query = useStaffQuery(waveQueries.one(waveId));
  const isCoordinator = session.role === 'coordinator';
  if (query.status !== 'ready') return <QueryStatus query={query} />;
  const wave = query.data;
  return (
    <section aria-labelledby="wave-title">
      <p className="no-print">
        <Link to={`/instansi/${wave.agencyId}/gelombang`}>← {t('backToWaves')}</Link> · <Link to={`/instansi/${wave.agencyId}/log?gelombang=${wave.id}`}>{t('audit')}</Link>
        {wave.status !== 'draft' && (
          <>
            {' · '}
            <Link to={`/gelombang/${wave.id}/cakupan`}>{t('coverage')}</Link>
          </>
        )}
        {wave.status !== 'draft' && isCoordinator && (
          <>
            {' · '}
            <Link to={`/gelombang/${wave.id}/pengingat`}>{t('reminders')}</Link>
          </>
        )}
        {wave.phase === 'closed' && (
          <>
            {' · '}
            <Link to={`/gelombang/${wave.id}/hasil`}>{t('results')}</Link>
          </>
        )}
      </p>
      <h1 id="wave-title">{wave.name}</h1>
      <p>
        <WaveStatus wave={wave} />{' '}
        <span className="muted">{t('window', { opens: wave.opensAt ? formatDateTime(wave.opensAt) : t('atLaunch'), closes: formatDateTime(wave.closesAt) })}</span>
      </p>
      {wave.status === 'closed' && wave.closedAt && <Notice>{t('closed', { at: formatDateTime(wave.closedAt) })}</Notice>}
      {isCoordinator && wave.status === 'draft' && <DraftActions wave={wave} onLaunched={query.reload} />}
      {isCoordinator && wave.status === 'open' && (
        <>
          <LinksPanel wave={wave} />
          <div className="no-print">
            <ReissuePanel wave={wave} />
            <ClosePanel wave={wave} onClosed={query.reload} />
          </div>
        </>
      )}
    </section>
  );
}
