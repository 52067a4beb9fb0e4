import { Chart, Filler, Legend, LineElement, PointElement, RadarController, RadialLinearScale, Tooltip } from 'chart.js';
import { Radar } from 'react-chartjs-2';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../components/DataTable.js';
import { formatDecimal } from '../../lib/format.js';
import { valueName } from './labels.js';

Chart.register(RadarController, RadialLinearScale, PointElement, LineElement, Filler, Tooltip, Legend);

export interface RadarSeries {
  label: string;
  /** One figure per value, in the order of `valueIds`; null where there is none. */
  data: (number | null)[];
  color: string;
}

/**
 * The seven values as a radar. The canvas is decoration for sighted readers; the same figures are
 * in a table that screen readers get instead.
 */
export function ValuesRadar({ title, tableTitle, valueIds, series }: { title: string; tableTitle: string; valueIds: string[]; series: RadarSeries[] }) {
  const { t } = useTranslation('results');
  const data = {
    labels: valueIds.map(valueName),
    datasets: series.map((s) => ({
      label: s.label,
      data: s.data,
      borderColor: s.color,
      backgroundColor: `${s.color}33`,
      pointBackgroundColor: s.color,
      fill: true,
      spanGaps: true,
    })),
  };
  return (
    <figure className="card chart results__radar">
      <figcaption>
        <strong>{title}</strong>
      </figcaption>
      <div className="chart__canvas" aria-hidden="true">
        <Radar
          data={data}
          options={{
            animation: false,
            maintainAspectRatio: false,
            scales: { r: { min: 0, max: 100, ticks: { stepSize: 25, backdropColor: 'transparent' }, pointLabels: { font: { size: 12 } } } },
            plugins: { legend: { display: series.length > 1, position: 'bottom' } },
          }}
        />
      </div>
      <DataTable
        className="sr-only"
        caption={tableTitle}
        rows={valueIds.map((id, i) => ({ id, i }))}
        rowKey={(r) => r.id}
        columns={[
          { header: t('value'), rowHeader: true, cell: (r) => valueName(r.id) },
          ...series.map((s) => ({ header: s.label, cell: (r: { i: number }) => (s.data[r.i] == null ? '—' : formatDecimal(s.data[r.i]!)) })),
        ]}
      />
    </figure>
  );
}
