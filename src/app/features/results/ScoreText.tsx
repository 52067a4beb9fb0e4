import { useTranslation } from 'react-i18next';
import { formatDecimal } from '../../lib/format.js';
import { bandLabel, bandName } from './labels.js';
import type { Score } from './types.js';

/** A figure with its band: the letter is always written, so the colour is never the only cue. */
export function ScoreText({ score, full = false }: { score: Score; full?: boolean }) {
  const { t } = useTranslation('results');
  if (!score) {
    return (
      <span className="muted" title={t('noScore')}>
        —<span className="sr-only"> {t('noScore')}</span>
      </span>
    );
  }
  return (
    <span className="score">
      {formatDecimal(score.score)}{' '}
      {full ? (
        <>
          ·{' '}
          <span className={`band band--${score.band}`}>
            {bandLabel(score.band)}
          </span>
        </>
      ) : (
        <span className={`band band--${score.band}`} title={bandName(score.band)}>
          {score.band}
          <span className="sr-only"> {bandName(score.band)}</span>
        </span>
      )}
    </span>
  );
}
