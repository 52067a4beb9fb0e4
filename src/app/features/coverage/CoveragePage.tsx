import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Notice } from '../../components/Notice.js';
import { QueryStatus } from '../../components/QueryStatus.js';
import { ProgressBar } from '../../components/ProgressBar.js';
import { ApiRequestError } from '../../lib/api-client.js';
import { followJob } from '../../lib/jobs.js';
import { formatNumber, formatTime } from '../../lib/format.js';
import { localized } from '../../lib/i18n.js';
import { downloadFile } from '../../lib/save-file.js';
import { useSession } from '../../lib/session.js';
import { useStaffQuery } from '../../lib/use-staff-query.js';
import { coverageExportPath, coverageQueries, verifyWave } from './api.js';
import { CoverageCharts } from './CoverageCharts.js';
import { Heatmap } from './Heatmap.js';
import { RateeTable } from './RateeTable.js';
import type { IntegrityReport } from './types.js';
import { usePolling } from './use-polling.js';
import './i18n.js';

const POLL_MS = 5000;

export function CoveragePage() {
  const { t } = useTranslation(['coverage', 'common', 'concepts']);
  const { waveId = '' } = useParams();
  const session = useSession();
  const wave = useStaffQuery(coverageQueries.wave(waveId));
  const [unitId, setUnitId] = useState('');
  const live = wave.status === 'ready' && wave.data.status === 'open';
  const coverage = usePolling(coverageQueries.coverage(waveId, unitId || undefined), POLL_MS, live);
  if (wave.status !== 'ready') return <QueryStatus query={wave} />;
  const c = coverage.data;
  // The chart and heatmap show the focus unit's children, or the top level.
  const shownUnits = c ? c.units.filter((u) => u.id !== unitId) : [];
  return (
    <section aria-labelledby="coverage-title">
      <p className="no-print">
        <Link to={`/gelombang/${waveId}`}>← {t('back')}</Link>
        {session.role === 'coordinator' && (
          <>
            {' · '}
            <Link to={`/gelombang/${waveId}/pengingat`}>{t('reminders')}</Link>
          </>
        )}
      </p>
      <h1 id="coverage-title">{t('title', { name: wave.data.name })}</h1>
      <p className="muted">{t('intro')}</p>
      <p role="status" aria-live="polite" className="coverage__updated">
        {coverage.updatedAt && <span data-testid="coverage-updated">{t('updated', { at: formatTime(coverage.updatedAt) })}</span>}
        {live && <span className="muted"> · {t('live', { seconds: POLL_MS / 1000 })}</span>}
        {c && c.countedAt !== c.generatedAt && (
          <span className="muted" data-testid="coverage-counted">
            {' · '}
            {t('countedAt', { at: formatTime(new Date(c.countedAt)) })}
          </span>
        )}
        {c && Date.parse(c.countedAt) - Date.parse(c.ratersCountedAt) > 60_000 && (
          <span className="muted">
            {' · '}
            {t('ratersCountedAt', { at: formatTime(new Date(c.ratersCountedAt)) })}
          </span>
        )}
      </p>
      {coverage.error && (c ? <Notice tone="error">{t('stale')}</Notice> : <Notice tone="error">{localized(coverage.error.messages)}</Notice>)}
      {!c && !coverage.error && <p role="status">{t('common:loading')}</p>}
      {c && (
        <>
          <div className="card">
            <ul className="stats" aria-label={t('raters')}>
              <li>
                <strong data-testid="raters-invited">{formatNumber(c.raters.invited)}</strong> {t('invited')}
              </li>
              <li>
                <strong data-testid="raters-finished">{formatNumber(c.raters.finished)}</strong> {t('finished')}
              </li>
              <li>
                <strong data-testid="raters-partly">{formatNumber(c.raters.partly)}</strong> {t('partly')}
              </li>
              <li>
                <strong>{formatNumber(c.raters.notStarted)}</strong> {t('notStarted')}
              </li>
              <li>
                <strong data-testid="tickets-used">{formatNumber(c.tickets.used)}</strong> {t('ticketsUsed')} {t('ofIssued', { issued: formatNumber(c.tickets.issued) })}
              </li>
            </ul>
            <ProgressBar label={t('ratersFinished')} value={c.raters.invited ? c.raters.finished / c.raters.invited : 0} />
            <ProgressBar label={t('ticketsProgress')} value={c.tickets.issued ? c.tickets.used / c.tickets.issued : 0} />
          </div>
          <nav aria-label={t('unitPath')} className="breadcrumbs">
            <button type="button" className="link-button" aria-current={unitId === '' ? 'page' : undefined} onClick={() => setUnitId('')}>
              {t('allUnits')}
            </button>
            {c.focusPath.map((p) => (
              <span key={p.id}>
                {' › '}
                <button type="button" className="link-button" aria-current={p.id === unitId ? 'page' : undefined} onClick={() => setUnitId(p.id)}>
                  {p.name}
                </button>
              </span>
            ))}
          </nav>
          {shownUnits.length > 0 && <CoverageCharts coverage={c} units={shownUnits} />}
          {shownUnits.length > 0 && <Heatmap units={shownUnits} onOpen={setUnitId} />}
          <h2>{t('ratees')}</h2>
          <p className="muted">{t('rateesHint', { total: formatNumber(c.ratees.total), atRisk: formatNumber(c.ratees.atRisk), k: c.k })}</p>
          {c.ratees.rows.length < c.ratees.total && <p className="muted">{t('rateesShown', { shown: formatNumber(c.ratees.rows.length), total: formatNumber(c.ratees.total) })}</p>}
          <RateeTable rows={c.ratees.rows} k={c.k} />
          <ExportButtons waveId={waveId} />
          <VerifyPanel waveId={waveId} />
        </>
      )}
    </section>
  );
}

function ExportButtons({ waveId }: { waveId: string }) {
  const { t } = useTranslation(['coverage', 'concepts']);
  const session = useSession();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const download = async (view: 'units' | 'ratees', format: 'csv' | 'xlsx') => {
    setBusy(true);
    setError(null);
    try {
      await downloadFile(coverageExportPath(waveId, view, format), await session.getIdToken(), `cakupan-${waveId}-${view}.${format}`);
    } catch {
      setError(localized({ id: 'Berkas tidak dapat dibuat. Coba lagi.', en: 'The file could not be made. Try again.' }));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="card no-print">
      <h2>{t('export')}</h2>
      <div className="actions">
        {(['units', 'ratees'] as const).map((view) =>
          (['xlsx', 'csv'] as const).map((format) => (
            <button key={view + format} type="button" className="button button--secondary" disabled={busy} onClick={() => void download(view, format)}>
              {t(view === 'units' ? 'exportUnits' : 'exportRatees')} ({format.toUpperCase()})
            </button>
          )),
        )}
      </div>
      {busy && <p role="status">{t('exporting')}</p>}
      {error && <Notice tone="error">{error}</Notice>}
    </div>
  );
}

function VerifyPanel({ waveId }: { waveId: string }) {
  const { t } = useTranslation(['coverage', 'concepts']);
  const session = useSession();
  const [state, setState] = useState<{ busy: boolean; report: IntegrityReport | null; error: ApiRequestError | null }>({ busy: false, report: null, error: null });
  const verify = async () => {
    setState({ busy: true, report: null, error: null });
    try {
      const { job } = await verifyWave(await session.getIdToken(), waveId);
      const ended = await followJob(job, () => session.getIdToken(), () => undefined);
      setState({ busy: false, report: ended.kind === 'wave.verify' ? ended.result : null, error: null });
    } catch (error) {
      setState({ busy: false, report: null, error: error as ApiRequestError });
    }
  };
  const r = state.report;
  return (
    <div className="card">
      <h2>{t('verify')}</h2>
      <p className="muted">{t('verifyNote')}</p>
      <button type="button" className="button" disabled={state.busy} onClick={() => void verify()}>
        {state.busy ? t('verifying') : t('verify')}
      </button>
      {state.error && <Notice tone="error">{localized(state.error.messages)}</Notice>}
      {r?.ok && (
        <Notice tone="success">
          {t('verifyOk', { issued: formatNumber(r.totals.issued), remaining: formatNumber(r.totals.remaining), responses: formatNumber(r.totals.responses), groups: formatNumber(r.totals.groups) })}
        </Notice>
      )}
      {r && !r.ok && (
        <>
          <Notice tone="error">{t('verifyBad', { count: r.mismatchCount })}</Notice>
          <ul>
            {r.mismatches.map((m, i) => (
              <li key={i}>
                <strong>{t(`concepts:mismatch_${m.kind}`)}</strong>: <code>{Object.entries(m).filter(([k]) => k !== 'kind').map(([k, v]) => `${k}=${String(v)}`).join(', ')}</code>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
