/**
 * English texts of the venue screens (board, overlay, announcer). The Czech catalogue
 * (messages-cs.ts) is typed against this one. The screens also use the spectator catalogue
 * (shared/i18n) for what they share with the phones: round names, race states, gate badges.
 */
export const screenEn = {
  'screen.reconnecting': 'Reconnecting…',
  'screen.waitingLive': 'Waiting for the next event',
  'screen.waitingFor': 'Waiting for {event}',
  'screen.loading': 'Loading…',
  'screen.overall': 'Overall',
  'screen.pen': 'pen.',
  'screen.bib': 'Bib',

  'board.onCourse': 'On course',
  'board.lastFinish': 'Finished',
  'board.timeToBeat': 'Time to beat · {name}',
  'board.vs': 'vs {name}',
  'board.page': '{n}/{of}',
  'board.next': 'Next race',
  'board.startsAt': 'Start {time}',
  'board.firstStarters': 'First starters',
  'board.latest': 'Latest results',
  'board.schedule': 'Schedule',
  'board.noneToday': 'No more races scheduled.',
  'board.noResults': 'No results yet.',
  'board.nobody': 'Waiting for the next rider',

  'overlay.top': 'Top {n}',

  'ann.title': 'Announcer',
  'ann.live': 'Live race',
  'ann.races': 'Races',
  'ann.onCourse': 'On course',
  'ann.nobody': 'Nobody on the course.',
  'ann.next': 'Next starters',
  'ann.noNext': 'No one waiting to start.',
  'ann.recent': 'Recent finishers',
  'ann.noRecent': 'No finish since this page opened.',
  'ann.leaders': 'Category leaders',
  'ann.noLeaders': 'No ranked results yet.',
  'ann.run1': '1st run {result}',
  'ann.run1Rank': '1st run {result}, {rank}',
  'ann.noEarlier': 'No earlier run',
  'ann.running': 'Running {time}',
  'ann.vsLeader': '{gap} against {name} ({total})',
  'ann.firstRun': 'First to go: no time to beat yet',
  'ann.gates': 'Gates of {name}',
  'ann.close': 'Close',

  'move.leads': 'takes the lead',
  'move.first': 'moves into 1st, {gap} s ahead of {name}',
  'move.staysFirst': 'stays 1st, {gap} s ahead of {name}',
  'move.up': 'moves up to {rank}, {gap} s behind {leader}',
  'move.stays': 'stays {rank}, {gap} s behind {leader}',
  'move.down': 'drops to {rank}, {gap} s behind {leader}',
  'move.new': 'goes {rank}, {gap} s behind {leader}',
  'move.DNF': 'did not finish',
  'move.DNS': 'did not start',
  'move.DSQ': 'disqualified',
  'move.CAP': 'capsized',
  'move.none': 'finished',
} as const;

export type ScreenKey = keyof typeof screenEn;
