/** Words for the merge strategies (src-main/domain/result-merge.ts), for the two selects that offer them. */
import type { MergeStrategy } from '@wire/api.ts';

export const mergeStrategyLabel: Record<MergeStrategy, string> = {
  'xml-structure-live-results': 'XML for structure, live pushes for results (recommended)',
  'xml-authoritative': 'XML wins: every export replaces the results',
  'live-authoritative': 'Live wins: XML never overwrites a live result',
};
