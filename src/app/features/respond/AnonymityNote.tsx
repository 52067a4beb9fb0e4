import { useTranslation } from 'react-i18next';
import './i18n.js';

/**
 * What happens to the answers, in plain words. The two sentences a respondent must see stay open;
 * the rest is one tap away, under a label that says what it holds.
 */
export function AnonymityNote({ anonymityThreshold }: { anonymityThreshold?: number }) {
  const { t } = useTranslation('respond');
  return (
    <section className="card anonymity" aria-labelledby="anonymity-title">
      <h2 id="anonymity-title" className="anonymity__title">
        {t('anonymityTitle')}
      </h2>
      <p>{t('anonymitySealed')}</p>
      {/* k is the wave's; until the link has opened (or when it cannot), the sentence says it without the number. */}
      <p>{anonymityThreshold === undefined ? t('anonymityGroupsPending') : t('anonymityGroups', { k: anonymityThreshold })}</p>
      <details className="anonymity__more">
        <summary>{t('anonymityMore')}</summary>
        <ul>
          <li>{t('anonymityOwnGroups')}</li>
          <li>{t('anonymityCode')}</li>
          <li>{t('anonymityNoFreeText')}</li>
        </ul>
      </details>
    </section>
  );
}
