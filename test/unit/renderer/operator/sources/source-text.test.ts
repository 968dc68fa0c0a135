/** The Timing source panel's sentences and checks, in both languages (issue 12, item 5). */
import { describe, expect, it } from 'vitest';
import { connectionText, isFullPath, isPort, problemText } from '../../../../../src-renderer/operator/sources/source-text.ts';
import { operatorText } from '../../../../../src-renderer/shared/staff/i18n/operator-text.ts';
import type { ConnectionStatus, SourceProblemCode } from '../../../../../src-main/wire/sources.ts';

const en = operatorText('en');
const cs = operatorText('cs');
const problem = (code: SourceProblemCode, subject: string | null = '192.168.1.20:27333', detail: string | null = null) => ({ code, subject, detail, at: 0 });

describe('timing source texts', () => {
  it('says a refused connection as the operator needs to hear it, in English and Czech', () => {
    expect(problemText(problem('refused'), en)).toBe('Canoe123 at 192.168.1.20:27333 refused the connection — is Canoe123 running and its port open?');
    expect(problemText(problem('refused'), cs)).toBe('Canoe123 na 192.168.1.20:27333 odmítl spojení — běží Canoe123 a je jeho port otevřený?');
  });

  it('has a sentence for every problem code in both languages, naming what it is about', () => {
    const codes: SourceProblemCode[] = [
      'refused',
      'unreachable',
      'unknownHost',
      'closed',
      'reset',
      'silent',
      'tooLarge',
      'garbage',
      'failed',
      'refusedByState',
      'noHost',
      'xmlMissing',
      'xmlUnreadable',
      'xmlCutOff',
    ];
    for (const code of codes) {
      for (const text of [en, cs]) {
        const s = problemText(problem(code, 'SUBJ', '5'), text);
        expect(s, `${text.lang} ${code}`).not.toMatch(/source\.problem|\{/);
        if (code !== 'noHost' && code !== 'refusedByState') expect(s, `${text.lang} ${code}`).toContain('SUBJ');
      }
    }
    expect(problemText(problem('silent', '10.0.0.5:27333', '5'), en)).toBe(
      'Canoe123 at 10.0.0.5:27333 sent no time of day for 5 s — the connection is dead; reconnecting.',
    );
  });

  it('says the connection state with the time to the next attempt', () => {
    const c = { state: 'waiting', address: '192.168.1.20:27333', retryAt: 10_400 } as ConnectionStatus;
    expect(connectionText(c, 6_000, en)).toBe('Reconnecting to 192.168.1.20:27333 in 5 s');
    expect(connectionText(c, 6_000, cs)).toBe('Znovu se připojím k 192.168.1.20:27333 za 5 s');
    expect(connectionText({ ...c, state: 'discovering', address: null }, 0, en)).toBe('Listening for Canoe123 on the network…');
  });

  it('checks the form: a full path, a port', () => {
    for (const p of ['C:\\Canoe123\\event.xml', 'd:/timing/x.xml', '\\\\server\\share\\x.xml', '/home/timing/x.xml']) expect(isFullPath(p), p).toBe(true);
    for (const p of ['event.xml', './x.xml', 'Canoe123\\x.xml', '']) expect(isFullPath(p), p).toBe(false);
    expect(isPort('27333')).toBe(true);
    expect(isPort('0')).toBe(false);
    expect(isPort('70000')).toBe(false);
  });
});
