/**
 * On-course riders expire 10 s after they were last *seen*, not after the list last *changed*:
 * c123-server repeats an identical snapshot while a rider stands still on the course (a rider
 * waiting in an eddy, a slow section), and each repeat is a sighting. The repeat publishes
 * nothing, but the core keeps the refreshed sighting time (in memory only).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { realXml } from '../../helpers/capture.ts';
import { startTestCore, type TestCore } from '../../helpers/core.ts';

const rider = {
  participantId: '30034.K1M_ST',
  raceId: 'K1M_ST_BR2_6',
  bib: 9,
  name: 'KOPEČEK Michal',
  club: 'VS Tábor',
  position: 1,
  gates: [0, 2, null],
  dtStart: null,
  dtFinish: null,
  time: 1500,
  pen: 200,
  total: 1700,
  rank: null,
  ttbDiff: null,
  ttbName: null,
};

describe('on-course sightings', () => {
  let t: TestCore;
  afterEach(async () => t?.cleanup());

  it('an identical push refreshes the sighting: the rider stays 10 s after the last one', async () => {
    t = startTestCore();
    const { core, clock } = t;
    core.createEvent({ eventId: 'e', mainTitle: 'E', subTitle: null, location: null, facility: null, startDate: null, endDate: null, discipline: null });
    await core.ingestXml('e', realXml());
    core.changeStatus('e', 'running', 'ingest');

    core.ingestOnCourse('e', [rider]);
    const changesAfterFirst = t.published.length;
    // The rider stands still: c123-server sends the same snapshot every few seconds.
    for (let i = 0; i < 4; i++) {
      clock.advance(4000);
      expect(core.ingestOnCourse('e', [rider])).toEqual({ active: 1 });
    }
    // An identical snapshot publishes nothing: phones get no message for a repeat.
    expect(t.published.length).toBe(changesAfterFirst);
    // 16 s after the first sighting, 0 s after the last: still on course.
    core.expireOnCourse();
    expect(core.get('e')!.onCourse.size).toBe(1);
    clock.advance(9_000);
    core.expireOnCourse();
    expect(core.get('e')!.onCourse.size).toBe(1);
    // 10 s after the last sighting it goes, and that is published.
    clock.advance(1_000);
    core.expireOnCourse();
    expect(core.get('e')!.onCourse.size).toBe(0);
    expect(t.published.at(-1)!.changes).toEqual([{ type: 'onCourseChanged' }]);
  });
});
