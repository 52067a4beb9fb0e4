import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { csvText } from '../../../domain/spreadsheet.js';
import { Notice } from '../../components/Notice.js';
import { formatNumber } from '../../lib/format.js';
import { localized } from '../../lib/i18n.js';
import { saveFile } from '../../lib/save-file.js';
import { useStaffQuery } from '../../lib/use-staff-query.js';
import type { NonResponder } from './types.js';
import './i18n.js';

export function NonRespondersPage() {
  const { t } = useTranslation(['coverage', 'common']);
  const { waveId = '' } = useParams();
  const query = useStaffQuery<{ raters: NonResponder[] }>(`/api/waves/${encodeURIComponent(waveId)}/non-responders`);
  const download = (raters: NonResponder[]) => {
    const rows = raters.map((r) => [r.nip, r.name, r.unit, r.email ?? '', r.phone ?? '', r.ticketsLeft, r.ticketsIssued]);
    // NIPs and phone numbers are quoted so Excel keeps them as text.
    const csv = csvText(t('csvHeaders').split(','), rows, [true, false, false, false, true, false, false]);
    saveFile(`pengingat-${waveId}.csv`, csv, 'text/csv;charset=utf-8');
  };
  return (
    <section aria-labelledby="reminders-title">
      <p>
        <Link to={`/gelombang/${waveId}`}>← {t('back')}</Link>
      </p>
      <h1 id="reminders-title">{t('nonResponders')}</h1>
      <p className="muted">{t('nonRespondersIntro')}</p>
      <p className="muted">{t('reissueHint')}</p>
      {query.status === 'loading' && <p role="status">{t('common:loading')}</p>}
      {query.status === 'error' && <Notice tone="error">{localized(query.error.messages)}</Notice>}
      {query.status === 'ready' && query.data.raters.length === 0 && <Notice tone="success">{t('nonRespondersNone')}</Notice>}
      {query.status === 'ready' && query.data.raters.length > 0 && (
        <>
          <button type="button" className="button" onClick={() => download(query.data.raters)}>
            {t('downloadCsv')} ({formatNumber(query.data.raters.length)})
          </button>
          <div className="table-wrap">
            <table className="data">
              <thead>
                <tr>
                  <th scope="col">{t('name')}</th>
                  <th scope="col">{t('unit')}</th>
                  <th scope="col">{t('email')}</th>
                  <th scope="col">{t('phone')}</th>
                  <th scope="col">{t('left')}</th>
                </tr>
              </thead>
              <tbody>
                {query.data.raters.map((r) => (
                  <tr key={r.nip}>
                    <td>
                      {r.name} <span className="muted">{r.nip}</span>
                    </td>
                    <td>{r.unit}</td>
                    <td>{r.email ?? '–'}</td>
                    <td>{r.phone ?? '–'}</td>
                    <td>
                      {r.ticketsLeft}/{r.ticketsIssued}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
