import { useTranslation } from 'react-i18next';
import type { QueryState } from '../lib/use-staff-query.js';
import { localized } from '../lib/i18n.js';
import { Notice } from './Notice.js';

/**
 * What a page shows while its data loads, or when loading it failed (with a retry when the query
 * can reload); nothing once it is ready.
 */
export function QueryStatus({ query }: { query: QueryState<unknown> & { reload?: () => void } }) {
  const { t } = useTranslation('common');
  if (query.status === 'loading') return <p role="status">{t('loading')}</p>;
  if (query.status === 'error') {
    return (
      <Notice tone="error">
        {localized(query.error.messages)}
        {query.reload && (
          <>
            {' '}
            <button type="button" className="button button--secondary" onClick={query.reload}>
              {t('retry')}
            </button>
          </>
        )}
      </Notice>
    );
  }
  return null;
}
