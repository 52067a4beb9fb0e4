import { useTranslation } from 'react-i18next';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const next = i18n.language === 'en' ? 'id' : 'en';
  return (
    <button type="button" className="button button--ghost" lang={next} aria-label={t('switchToLabel')} onClick={() => void i18n.changeLanguage(next)}>
      {t('switchTo')}
    </button>
  );
}
