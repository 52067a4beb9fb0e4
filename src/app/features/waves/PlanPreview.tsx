import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../lib/format.js';
import type { PlanPreview } from './types.js';
import './i18n.js';

function Histogram({ title, data, unit }: { title: string; data: Record<string, number>; unit: string }) {
  const { t } = useTranslation('waves');
  const entries = Object.entries(data).sort((a, b) => Number(a[0]) - Number(b[0]));
  const max = Math.max(1, ...entries.map(([, n]) => n));
  return (
    <div className="table-wrap">
      <table className="data">
        <caption style={{ textAlign: 'left', fontWeight: 700, padding: '0.5rem 0' }}>{title}</caption>
        <thead>
          <tr>
            <th scope="col">{unit}</th>
            <th scope="col">{t('people')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map(([k, n]) => (
            <tr key={k}>
              <th scope="row">{k}</th>
              <td>
                <span className="bar" style={{ width: `${(n / max) * 8}rem` }} aria-hidden="true" />
                {formatNumber(n)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function PlanPreviewView({ preview }: { preview: PlanPreview }) {
  const { t } = useTranslation('waves');
  return (
    <div data-testid="plan-preview">
      <p className="muted">{t('previewIntro')}</p>
      <ul className="stats">
        <li>
          <strong>{formatNumber(preview.ratees)}</strong> {t('ratees')}
        </li>
        <li>
          <strong>{formatNumber(preview.raters)}</strong> {t('raters')}
        </li>
        <li>
          <strong>{formatNumber(preview.assignments)}</strong> {t('assignments')}
        </li>
        {(['self', 'superior', 'peer', 'subordinate'] as const).map((r) => (
          <li key={r}>
            <strong>{formatNumber(preview.byRelationship[r])}</strong> {t(`rel_${r}`)}
          </li>
        ))}
      </ul>
      <div className="grid-2">
        <Histogram title={t('ratersPerRatee')} data={preview.ratersPerRatee} unit={t('raters')} />
        <Histogram title={t('ratingsPerRater')} data={preview.ratingsPerRater} unit={t('assignments')} />
      </div>
      <h3>{t('shortfallTitle', { count: preview.shortfallCount })}</h3>
      {preview.shortfallCount === 0 ? (
        <p>{t('noShortfall')}</p>
      ) : (
        <div className="table-wrap">
          <table className="data">
            <thead>
              <tr>
                <th scope="col">NIP</th>
                <th scope="col">{t('people')}</th>
                <th scope="col">{t('group')}</th>
                <th scope="col">{t('got')}</th>
                <th scope="col">{t('reason')}</th>
              </tr>
            </thead>
            <tbody>
              {preview.shortfalls.map((s) => (
                <tr key={`${s.nip}-${s.relationship}`}>
                  <td>{s.nip}</td>
                  <td>
                    {s.name}
                    <br />
                    <span className="muted">{s.unit}</span>
                  </td>
                  <td>{t(`rel_${s.relationship}`)}</td>
                  <td>
                    {s.got} / {s.needed}
                  </td>
                  <td>{t(`reason_${s.reason}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
