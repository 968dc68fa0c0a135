/**
 * The station's feed health (wire FeedsReport, judged by the station) in the operator's words:
 * a source's silence, each channel's state and each problem as a sentence, in the dashboard's
 * language. Pure: `now` and the texts are passed in, so the exact sentences are tested.
 */
import type { FeedChannelState, FeedProblem, FeedSourceReport } from '@wire/admin.ts';
import type { OperatorKey } from '../i18n/messages-en.ts';
import type { OperatorText } from '../i18n/operator-text.ts';

/** A quiet time as "107 s", "12 min", "3 h". */
export function quietFor(ms: number, { t }: Pick<OperatorText, 't'>): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 120) return t('duration.s', { n: s });
  const min = Math.floor(s / 60);
  if (min < 120) return t('duration.min', { n: min });
  return t('duration.h', { n: Math.floor(min / 60) });
}

/** The dead-source warning, or null when the source is not silent. `now` on the station's clock. */
export function silenceText(src: FeedSourceReport, now: number, i18n: Pick<OperatorText, 't'>): string | null {
  if (!src.silent) return null;
  const key = src.source === 'canoe123' ? (`feeds.silent.canoe123.${src.silent.reason}` as const) : (`feeds.silent.${src.silent.reason}` as const);
  return i18n.t(key, { source: sourceName(src.source), for: quietFor(now - src.silent.since, i18n) });
}

/** The source as the operator knows it. */
export function sourceName(source: FeedSourceReport['source']): string {
  return source === 'canoe123' ? 'Canoe123' : source;
}

/** "Nothing from this source yet", with what to do about it. */
export function nothingYetText(source: FeedSourceReport['source'], { t }: Pick<OperatorText, 't'>): string {
  return source === 'canoe123' ? t('feeds.nothingYet.canoe123') : t('feeds.nothingYet', { source });
}

export function channelStateText(state: FeedChannelState, { t }: Pick<OperatorText, 't'>): string {
  return t(`feedState.${state}`);
}

/** A feed problem as the sentence the operator reads (what happened, then what to do). */
export function problemText(p: FeedProblem, { t, tn }: Pick<OperatorText, 't' | 'tn'>): string {
  switch (p.kind) {
    case 'refused': {
      const when = p.status === 'official' ? 'official' : p.status === 'finished' ? 'finished' : 'early';
      const key = `problem.refused.${p.channel}.${when}` as OperatorKey;
      return t(key in refusedKeys ? key : 'problem.refused.anyState', { status: t(`status.${p.status}`) });
    }
    case 'invalidXml':
      return t('problem.invalidXml', { detail: p.detail });
    case 'beforeXml':
      return t(p.channel === 'oncourse' ? 'problem.beforeXml.oncourse' : 'problem.beforeXml.results');
    case 'unknownRows':
      return tn('problem.unknownRows', p.count);
  }
}

/** The refusals that have a sentence of their own (the others cannot happen with today's lifecycle). */
const refusedKeys: Partial<Record<OperatorKey, true>> = {
  'problem.refused.results.official': true,
  'problem.refused.results.early': true,
  'problem.refused.oncourse.official': true,
  'problem.refused.oncourse.finished': true,
  'problem.refused.oncourse.early': true,
  'problem.refused.xml.official': true,
};
