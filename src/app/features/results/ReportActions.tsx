import { useTranslation } from 'react-i18next';
import { Notice } from '../../components/Notice.js';
import { useResultsExport } from './use-results-export.js';

/** Printing, and the downloads when the page has a file to offer; never printed themselves. */
export function ReportActions({ exportWaveId }: { exportWaveId?: string }) {
  const { t } = useTranslation('results');
  const file = useResultsExport(exportWaveId ?? '');
  return (
    <div className="no-print">
      <div className="actions">
        {exportWaveId && (
          <>
            <button type="button" className="button" disabled={file.busy} onClick={() => void file.download('xlsx')}>
              {t('downloadXlsx')}
            </button>
            <button type="button" className="button button--secondary" disabled={file.busy} onClick={() => void file.download('csv')}>
              {t('downloadCsv')}
            </button>
          </>
        )}
        <button type="button" className="button button--secondary" onClick={() => window.print()}>
          {t('print')}
        </button>
      </div>
      {file.busy && <p role="status">{t('preparing')}</p>}
      {file.failed && <Notice tone="error">{t('exportFailed')}</Notice>}
    </div>
  );
}
