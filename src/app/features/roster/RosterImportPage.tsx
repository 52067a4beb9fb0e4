import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { RosterImportResult } from '../../../domain/roster.js';
import type { LocalizedText } from '../../../domain/text.js';
import { DataTable } from '../../components/DataTable.js';
import { Page } from '../../components/Page.js';
import { Notice } from '../../components/Notice.js';
import { ProgressBar } from '../../components/ProgressBar.js';
import type { ErrorExtra } from '../../../contract/errors.js';
import { ApiRequestError } from '../../lib/api-client.js';
import { followJob } from '../../lib/jobs.js';
import { checkRoster, importRoster } from './api.js';
import { localized } from '../../lib/i18n.js';
import { useSession } from '../../lib/session.js';
import './i18n.js';
import { unitPathText } from '../../../domain/units.js';

type RowProblem = NonNullable<ErrorExtra['rows']>[number];

type Stage =
  | { kind: 'idle' }
  | { kind: 'uploading'; progress: number }
  | { kind: 'checking' }
  | { kind: 'writing'; progress: number | undefined }
  | { kind: 'done'; result: RosterImportResult }
  | { kind: 'invalid'; rows: RowProblem[]; total: number; more: Record<string, number> }
  | { kind: 'failed'; message: LocalizedText };

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function RosterImportPage() {
  const { t } = useTranslation('roster');
  const { agencyId = '' } = useParams();
  const session = useSession();
  const [file, setFile] = useState<File | null>(null);
  const [deactivateMissing, setDeactivateMissing] = useState(false);
  const [stage, setStage] = useState<Stage>({ kind: 'idle' });
  const [fileError, setFileError] = useState(false);

  const send = async (dryRun: boolean) => {
    if (!file) return setFileError(true);
    setFileError(false);
    setStage({ kind: 'uploading', progress: 0 });
    const contentType = /\.xlsx$/i.test(file.name) || file.type === XLSX ? XLSX : 'text/csv';
    const options = { deactivateMissing, contentType, onProgress: (p: number) => setStage(p < 1 ? { kind: 'uploading', progress: p } : { kind: 'checking' }) };
    try {
      const token = await session.getIdToken();
      if (dryRun) return setStage({ kind: 'done', result: await checkRoster(token, agencyId, file, options) });
      const { job } = await importRoster(token, agencyId, file, options);
      setStage({ kind: 'writing', progress: undefined });
      const ended = await followJob(job, () => session.getIdToken(), (share) => setStage({ kind: 'writing', progress: share }));
      if (ended.kind !== 'roster.import' || !ended.result) throw new Error(`unexpected job ${ended.kind}`);
      setStage({ kind: 'done', result: ended.result });
    } catch (err) {
      if (err instanceof ApiRequestError && err.code === 'roster_invalid') {
        const rows = err.extra.rows ?? [];
        setStage({ kind: 'invalid', rows, total: err.extra.rowsTotal ?? rows.length, more: err.extra.rowsMore ?? {} });
      } else {
        setStage({ kind: 'failed', message: err instanceof ApiRequestError ? err.messages : { id: String(err), en: String(err) } });
      }
    }
  };
  const busy = stage.kind === 'uploading' || stage.kind === 'checking' || stage.kind === 'writing';

  return (
    <Page id="roster-title" title={t('title')} back={{ to: `/instansi/${agencyId}`, label: t('back') }}>
      <p>{t('intro')}</p>
      <Notice>{t('textTip')}</Notice>
      <div className="card">
        <div className="field">
          <label htmlFor="roster-file">{t('file')}</label>
          <input
            id="roster-file"
            type="file"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            aria-invalid={fileError}
            aria-describedby={fileError ? 'roster-file-error' : undefined}
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setStage({ kind: 'idle' });
            }}
          />
          {fileError && (
            <p id="roster-file-error" className="field__error">
              {t('pickFile')}
            </p>
          )}
        </div>
        <label className="checkbox">
          <input type="checkbox" checked={deactivateMissing} onChange={(e) => setDeactivateMissing(e.target.checked)} />
          {t('deactivate')}
        </label>
        <p className="muted">{t('deactivateHelp')}</p>
        <div className="actions">
          <button type="button" className="button button--secondary" disabled={busy} onClick={() => void send(true)}>
            {t('check')}
          </button>
          <button type="button" className="button" disabled={busy} onClick={() => void send(false)}>
            {t('import')}
          </button>
        </div>
        {stage.kind === 'uploading' && <ProgressBar label={t('uploading')} value={stage.progress} />}
        {stage.kind === 'checking' && <ProgressBar label={t('checking')} />}
        {stage.kind === 'writing' && (
          <>
            <ProgressBar label={t('writing')} value={stage.progress} />
            <p className="muted">{t('writingNote')}</p>
          </>
        )}
      </div>
      {stage.kind === 'done' && (
        <>
          <Notice tone="success">{t(stage.result.dryRun ? 'checked' : 'imported', { ...stage.result })}</Notice>
          <UnitsReport result={stage.result} />
        </>
      )}
      {stage.kind === 'failed' && <Notice tone="error">{localized(stage.message)}</Notice>}
      {stage.kind === 'invalid' && (
        <>
          <Notice tone="error">{t('invalid', { count: stage.total })}</Notice>
          {stage.total > stage.rows.length && (
            <p>
              {t('moreProblems', { listed: stage.rows.length, count: stage.total - stage.rows.length })}{' '}
              {Object.entries(stage.more)
                .map(([column, n]) => `${column || t('wholeFile')}: ${n}`)
                .join(', ')}
            </p>
          )}
          <DataTable
            label={t('invalid', { count: stage.total })}
            rows={stage.rows}
            rowKey={(_, i) => i}
            columns={[
              { header: t('line'), cell: (r) => r.line ?? t('wholeFile') },
              { header: t('column'), cell: (r) => r.column ?? '—' },
              { header: t('problem'), cell: (r) => localized(r.messages) },
            ]}
          />
        </>
      )}
    </Page>
  );
}


/** The units an import creates, and the new ones that look like a unit written another way. */
function UnitsReport({ result }: { result: RosterImportResult }) {
  const { t } = useTranslation('roster');
  return (
    <>
      {result.lookAlikesTotal > 0 && (
        <Notice tone="warning" title={t(result.dryRun ? 'lookAlikesTitle' : 'lookAlikesTitleImported', { count: result.lookAlikesTotal })}>
          <ul>
            {result.lookAlikes.map((l) => (
              <li key={`${unitPathText(l.path)}|${unitPathText(l.like)}`}>{t('lookAlike', { path: unitPathText(l.path), like: unitPathText(l.like), reason: t(`reason_${l.reason}`) })}</li>
            ))}
          </ul>
          {result.lookAlikesTotal > result.lookAlikes.length && <p>{t('andMore', { count: result.lookAlikesTotal - result.lookAlikes.length })}</p>}
        </Notice>
      )}
      {result.newUnitsTotal > 0 && (
        <details className="card">
          <summary>{t(result.dryRun ? 'newUnitsPlanned' : 'newUnitsCreated', { count: result.newUnitsTotal })}</summary>
          <ul>
            {result.newUnits.map((path) => (
              <li key={unitPathText(path)}>{unitPathText(path)}</li>
            ))}
          </ul>
          {result.newUnitsTotal > result.newUnits.length && <p>{t('andMore', { count: result.newUnitsTotal - result.newUnits.length })}</p>}
        </details>
      )}
    </>
  );
}
