import { useTranslation } from 'react-i18next';
import { LANGUAGES, setLanguage } from '../i18n';

/** zh-CN by default; the choice is kept in the browser. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <span className="languages" role="group" aria-label={t('nav.language')}>
      {LANGUAGES.map((l) => (
        <button key={l.code} type="button" className="link" aria-pressed={i18n.language === l.code} onClick={() => setLanguage(l.code)} lang={l.code}>
          {l.label}
        </button>
      ))}
    </span>
  );
}
