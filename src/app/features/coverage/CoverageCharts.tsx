import { BarController, BarElement, CategoryScale, Chart, LinearScale, LineController, LineElement, PointElement, Tooltip } from 'chart.js';
import { Bar, Line } from 'react-chartjs-2';
import { useTranslation } from 'react-i18next';
import type { Coverage, UnitCoverage } from './types.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, Tooltip);

const percent = (used: number, issued: number) => (issued === 0 ? 0 : Math.round((used / issued) * 100));

/** Two charts with the figures also given as text for screen readers (the canvas is decoration). */
export function CoverageCharts({ coverage, units }: { coverage: Coverage; units: UnitCoverage[] }) {
  const { t } = useTranslation('coverage');
  const byUnit = {
    labels: units.map((u) => u.name),
    datasets: [{ label: t('ticketsProgress'), data: units.map((u) => percent(u.tickets.used, u.tickets.issued)), backgroundColor: '#0b4f8a' }],
  };
  const perDay = {
    labels: coverage.perDay.map((d) => d.day.slice(5)),
    datasets: [{ label: t('perDay'), data: coverage.perDay.map((d) => d.responses), borderColor: '#1d6b38', backgroundColor: '#1d6b38' }],
  };
  return (
    <div className="cards">
      <figure className="card chart" aria-labelledby="chart-units">
        <figcaption id="chart-units">
          <strong>{t('byUnit')}</strong> <span className="muted">{t('byUnitHint')}</span>
        </figcaption>
        <div className="chart__canvas" aria-hidden="true">
          <Bar data={byUnit} options={{ indexAxis: 'y', animation: false, maintainAspectRatio: false, scales: { x: { min: 0, max: 100 } } }} />
        </div>
        <ul className="sr-only">
          {units.map((u) => (
            <li key={u.id}>
              {u.name}: {percent(u.tickets.used, u.tickets.issued)}%
            </li>
          ))}
        </ul>
      </figure>
      <figure className="card chart" aria-labelledby="chart-days">
        <figcaption id="chart-days">
          <strong>{t('perDay')}</strong>
        </figcaption>
        <div className="chart__canvas" aria-hidden="true">
          <Line data={perDay} options={{ animation: false, maintainAspectRatio: false, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } }} />
        </div>
        <ul className="sr-only">
          {coverage.perDay.map((d) => (
            <li key={d.day}>
              {d.day}: {d.responses}
            </li>
          ))}
        </ul>
      </figure>
    </div>
  );
}
