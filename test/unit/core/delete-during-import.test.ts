/**
 * An XML import whose event is deleted while the worker parses it, and created anew under the
 * same id (c123-server's delete, then its connect), must not land in the new event.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { realXml } from '../../helpers/capture.ts';
import { startTestCore, type TestCore } from '../../helpers/core.ts';

const meta = (title: string) => ({
  eventId: 'e',
  mainTitle: title,
  subTitle: null,
  location: null,
  facility: null,
  startDate: null,
  endDate: null,
  discipline: null,
});

describe('delete during an XML import', () => {
  let t: TestCore;
  afterEach(async () => t?.cleanup());

  it('the import for the deleted event is refused, and the new event of the same id stays empty', async () => {
    t = startTestCore();
    t.core.createEvent(meta('Old'));
    const importing = t.core.ingestXml('e', realXml());
    t.core.deleteEvent('e', 'ingest');
    t.core.createEvent(meta('New'));
    await expect(importing).rejects.toMatchObject({ code: 'NotFound' });
    expect(t.core.get('e')!.hasXml).toBe(false);
    expect(t.core.get('e')!.meta.mainTitle).toBe('New');
  });
});
