/** English / Czech switch: two pressed-state buttons, the choice persisted by the i18n provider. */
import { useI18n } from '../i18n/i18n-context.tsx';
import { LANGS } from '../i18n/translate.ts';

export function LangSwitch() {
  const { lang, setLang, t } = useI18n();
  return (
    <div className="lang" role="group" aria-label={t('lang.label')}>
      {LANGS.map((l) => (
        <button
          key={l}
          type="button"
          lang={l}
          className={l === lang ? 'lang__btn lang__btn--on' : 'lang__btn'}
          aria-pressed={l === lang}
          data-testid={`lang-${l}`}
          onClick={() => setLang(l)}
        >
          {l === 'en' ? 'EN' : 'CZ'}
        </button>
      ))}
    </div>
  );
}
