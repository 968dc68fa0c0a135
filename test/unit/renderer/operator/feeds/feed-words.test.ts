/** The station's feed health in the operator's words, in both languages. */
import { describe, expect, it } from 'vitest';
import type { FeedSourceReport } from '../../../../../src-main/wire/admin.ts';
import { operatorText } from '../../../../../src-renderer/shared/staff/i18n/operator-text.ts';
import { channelStateText, problemText, quietFor, silenceText } from '../../../../../src-renderer/operator/feeds/feed-words.ts';

const en = operatorText('en');
const cs = operatorText('cs');
const silentSource = (reason: 'ridersOnCourse' | 'raceInProgress'): FeedSourceReport => ({
  source: 'c123-server',
  lastAt: 1000,
  silent: { since: 1000, reason },
  channels: [],
});

describe('feed words', () => {
  it('says the dead-feed warning as the issue asks, with how long', () => {
    expect(silenceText(silentSource('ridersOnCourse'), 108_000, en)).toBe(
      "c123-server has sent nothing for 107 s while riders are on course — it may need 'Force push XML' or a restart.",
    );
    expect(silenceText(silentSource('raceInProgress'), 1000 + 5 * 60_000, en)).toBe(
      "c123-server has sent nothing for 5 min while a race is in progress — it may need 'Force push XML' or a restart.",
    );
    expect(silenceText(silentSource('ridersOnCourse'), 108_000, cs)).toBe(
      'c123-server nic neposlal už 107 s, přestože jsou závodníci na trati — možná potřebuje „Force push XML“ nebo restart.',
    );
    expect(silenceText({ ...silentSource('ridersOnCourse'), silent: null }, 108_000, en)).toBeNull();
  });

  it('counts quiet time in s, then min, then h', () => {
    expect([quietFor(13_000, en), quietFor(119_400, en), quietFor(120_000, en), quietFor(3 * 3_600_000, en)]).toEqual(['13 s', '119 s', '2 min', '3 h']);
  });

  it('says each problem as what happened and what to do, never a code', () => {
    expect(problemText({ kind: 'refused', channel: 'results', status: 'official' }, en)).toBe(
      'Results for an official event were refused: official results are final. Turn off c123-server’s live push for this event.',
    );
    expect(problemText({ kind: 'refused', channel: 'results', status: 'startlist' }, en)).toBe(
      'Results were refused: the event is “Startlist”. Set it to Running to publish them.',
    );
    expect(problemText({ kind: 'refused', channel: 'oncourse', status: 'finished' }, cs)).toBe(
      'Závodníci na trati byli odmítnuti: závod je ukončen. Pokud se ještě jede, vraťte ho na Probíhá.',
    );
    expect(problemText({ kind: 'invalidXml', detail: 'the file ends in the middle of <Results>' }, en)).toMatch(
      /^An XML export could not be read \(the file ends/,
    );
    expect(problemText({ kind: 'beforeXml', channel: 'oncourse' }, en)).toMatch(/^Riders on course are ignored until an XML export arrives/);
    expect(problemText({ kind: 'unknownRows', count: 1 }, en)).toMatch(/^1 result row names a race/);
    expect(problemText({ kind: 'unknownRows', count: 3 }, cs)).toMatch(/^3 řádky výsledků patří/);
    for (const lang of [en, cs]) {
      for (const channel of ['xml', 'results', 'oncourse'] as const) {
        for (const status of ['draft', 'startlist', 'running', 'finished', 'official'] as const) {
          expect(problemText({ kind: 'refused', channel, status }, lang)).not.toMatch(/problem\.|json_|not accepted|\{/);
        }
      }
    }
  });

  it('names every channel state in both languages', () => {
    const states = ['never', 'ok', 'idle', 'stale', 'warning', 'failing'] as const;
    expect(states.map((s) => channelStateText(s, en))).toEqual(['never', 'OK', 'quiet, nothing due', 'stale', 'problem', 'failing']);
    expect(states.map((s) => channelStateText(s, cs))).toEqual(['nikdy', 'v pořádku', 'klid, nic se nečeká', 'výpadek', 'problém', 'selhává']);
  });
});
