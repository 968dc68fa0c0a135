/**
 * The station's own English sentence for a timing-source problem, for the activity log (the
 * dashboard says the same in the operator's language from the code: operator i18n
 * `source.problem.*`). Written for a timing operator: what happened and what to check.
 */
import type { SourceProblem } from '../../wire/sources.ts';

export function problemSentence(p: Pick<SourceProblem, 'code' | 'subject' | 'detail'>): string {
  const at = p.subject ?? 'Canoe123';
  const detail = p.detail ? ` (${p.detail})` : '';
  switch (p.code) {
    case 'refused':
      return `Canoe123 at ${at} refused the connection — is Canoe123 running and its port open?`;
    case 'unreachable':
      return `Canoe123 at ${at} does not answer — check the address and that this computer is on the timing network${detail}`;
    case 'unknownHost':
      return `The Canoe123 address ${at} is unknown — check the address on the dashboard`;
    case 'closed':
      return `Canoe123 at ${at} closed the connection`;
    case 'reset':
      return `The connection to Canoe123 at ${at} broke${detail}`;
    case 'silent':
      return `Canoe123 at ${at} sent no time of day for ${p.detail ?? '5'} s — the connection is dead`;
    case 'tooLarge':
      return `Canoe123 at ${at} sent a message too large to be Canoe123's${detail}; the connection was dropped`;
    case 'garbage':
      return `Canoe123 at ${at} sent something that is not a Canoe123 message; the connection was dropped${detail}`;
    case 'failed':
      return `The connection to Canoe123 at ${at} failed${detail}`;
    case 'refusedByState':
      return `Canoe123 data was not applied: ${p.detail ?? 'the event does not take live data in its state'}`;
    case 'noHost':
      return 'No Canoe123 address set, and none heard on the network yet — enter its address or check that this computer is on the timing network';
    case 'xmlMissing':
      return `The XML export ${at} does not exist (yet) — check the path, or Canoe123's export setting`;
    case 'xmlCutOff':
      return `The XML export ${at} was caught while Canoe123 was writing it; trying again${detail}`;
    case 'xmlUnreadable':
      return `The XML export ${at} could not be imported${detail}`;
  }
}
