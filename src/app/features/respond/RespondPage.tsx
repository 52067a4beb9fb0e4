import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { codeFromFragment } from '../../../domain/invitation-code.js';
import { Notice } from '../../components/Notice.js';
import './i18n.js';

function useFragmentCode() {
  const [hash, setHash] = useState(() => window.location.hash);
  useEffect(() => {
    const onChange = () => setHash(window.location.hash);
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return { present: hash.length > 1, code: codeFromFragment(hash) };
}

/** The respondent's page: `/r#CODE`. The code stays in the fragment and leaves only in a request body. */
export function RespondPage() {
  const { t } = useTranslation('respond');
  const { present, code } = useFragmentCode();
  return (
    <section aria-labelledby="respond-title">
      <h1 id="respond-title">{t('title')}</h1>
      <div className="card">
        <h2 style={{ marginTop: 0 }}>{t('anonymityTitle')}</h2>
        <p>{t('anonymity1')}</p>
        <p>{t('anonymity2')}</p>
        <p>{t('anonymity3')}</p>
      </div>
      {!present && <Notice tone="error">{t('noCode')}</Notice>}
      {present && !code && <Notice tone="error">{t('badCode')}</Notice>}
      {code && <Notice>{t('notYetOpen')}</Notice>}
    </section>
  );
}
