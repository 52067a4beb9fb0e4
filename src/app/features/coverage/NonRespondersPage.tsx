import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { csvText } from '../../../domain/spreadsheet.js';
import { DataTable } from '../../components/DataTable.js';
import { Page } from '../../components/Page.js';
import { Notice } from '../../components/Notice.js';
import { QueryStatus } from '../../components/QueryStatus.js';
import { formatNumber } from '../../lib/format.js';
import { saveFile } from '../../lib/save-file.js';
import { useStaffQuery } from '../../lib/use-staff-query.js';
import { coverageQueries } from './api.js';
import type { NonResponder } from './types.js';
import './i18n.js';

export function NonRespondersPage() {
  const { t } = useTranslation(['coverage', 'common']);
  const { waveId = '' } = useParams();
  const query = useStaffQuery(coverageQueries.nonResponders(waveId));
  const download = (raters: NonResponder[]) => {
    const rows = raters.map((r) => [r.nip, r.name, r.unit, r.email ?? '', r.phone ?? '', r.ticketsLeft, r.ticketsIssued]);
    // NIPs and phone numbers are quoted so Excel keeps them as text.
    const csv = csvText(t('csvHeaders').split(','), rows, [true, false, false, false, true, false, false]);
    saveFile(`pengingat-${waveId}.csv`, csv, 'text/csv;charset=utf-8');
  };
  return (
    <Page id="reminders-title" title={t('nonResponders')} back={{ to: `/gelombang/${waveId}`, label: t('back') }}>
      <p className="muted">{t('nonRespondersIntro')}</p>
      <p className="muted">{t('reissueHint')}</p>
      <QueryStatus query={query} />
      {query.status === 'ready' && query.data.raters.length === 0 && <Notice tone="success">{t('nonRespondersNone')}</Notice>}
      {query.status === 'ready' && query.data.raters.length > 0 && (
        <>
          <button type="button" className="button" onClick={() => download(query.data.raters)}>
            {t('downloadCsv')} ({formatNumber(query.data.raters.length)})
          </button>
          <DataTable
            label={t('nonResponders')}
            rows={query.data.raters}
            rowKey={(r) => r.nip}
            columns={[
              {
                header: t('name'),
                cell: (r) => (
                  <>
                    {r.name} <span className="muted">{r.nip}</span>
                  </>
                ),
              },
              { header: t('unit'), cell: (r) => r.unit },
              { header: t('email'), cell: (r) => r.email ?? '–' },
              { header: t('phone'), cell: (r) => r.phone ?? '–' },
              { header: t('left'), cell: (r) => `${r.ticketsLeft}/${r.ticketsIssued}` },
            ]}
          />
        </>
      )}
    </Page>
  );
}
