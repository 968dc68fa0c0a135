/**
 * English / Czech switch: two pressed-state buttons, the choice persisted by `<LangProvider>`.
 * Each app passes the group's label from its own catalogue ("Language" / "Jazyk").
 */
import { useLang } from '../i18n/lang-context.tsx';
import { LANGS } from '../i18n/translate.ts';

export function LangSwitch({ label }: { label: string }) {
  const { lang, setLang } = useLang();
  return (
    <div className="lang" role="group" aria-label={label} data-testid="lang-switch">
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
