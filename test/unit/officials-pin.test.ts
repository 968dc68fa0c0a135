/**
 * The officials PIN is stored only as a salted scrypt hash, never in clear, and a clear PIN an
 * older Raceside left in the database is hashed at start and scrubbed from the database files
 * (the main file and the WAL), not just deleted.
 */
import { readdirSync, readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src-main/store/database.ts';
import { EventStore } from '../../src-main/store/event-store.ts';
import { OfficialsPin } from '../../src-main/officials-pin.ts';

const dirs: string[] = [];
const folder = () => {
  const d = mkdtempSync(join(tmpdir(), 'raceside-pin-'));
  dirs.push(d);
  return d;
};
/** Every byte of the data folder's database files. */
const databaseBytes = (dir: string) =>
  Buffer.concat(
    readdirSync(dir)
      .filter((f) => f.startsWith('raceside.sqlite'))
      .map((f) => readFileSync(join(dir, f))),
  );

afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('officials PIN at rest', () => {
  it('stores a salted scrypt hash and checks against it; the PIN is nowhere in the files', async () => {
    const dir = folder();
    const store = new EventStore(openDatabase(dir));
    const pin = await OfficialsPin.open(store);
    expect(pin.isSet()).toBe(false);
    expect(await pin.verify('58203147')).toBe(false);
    await pin.set('58203147');
    expect(await pin.verify('58203147')).toBe(true);
    expect(await pin.verify('58203148')).toBe(false);
    const record = JSON.parse(store.getSetting('officials_pin_scrypt')!);
    expect(record).toMatchObject({ N: 16384, r: 8, p: 1 });
    expect(Buffer.from(record.salt, 'base64')).toHaveLength(16);
    expect(Buffer.from(record.hash, 'base64')).toHaveLength(32);
    expect(store.getSetting('officials_pin')).toBeNull();
    // Salted: the same PIN set again hashes differently.
    await pin.set('58203147');
    expect(JSON.parse(store.getSetting('officials_pin_scrypt')!).hash).not.toBe(record.hash);
    store.close();
    expect(databaseBytes(dir).includes(Buffer.from('58203147'))).toBe(false);
    // Read back by a new station.
    const again = await OfficialsPin.open(new EventStore(openDatabase(dir)));
    expect(await again.verify('58203147')).toBe(true);
    await again.set(null);
    expect(again.isSet()).toBe(false);
    expect(await again.verify('58203147')).toBe(false);
  });

  it('hashes a clear PIN left by an older Raceside at start and scrubs it from the files', async () => {
    const dir = folder();
    const old = new EventStore(openDatabase(dir));
    old.putSetting('officials_pin', '482019');
    old.close();
    expect(databaseBytes(dir).includes(Buffer.from('482019'))).toBe(true);

    const store = new EventStore(openDatabase(dir));
    const pin = await OfficialsPin.open(store);
    expect(store.getSetting('officials_pin')).toBeNull();
    expect(await pin.verify('482019')).toBe(true);
    expect(pin.isShort()).toBe(false);
    // Nothing of the clear PIN is left in the database file or its WAL, while the station runs.
    expect(databaseBytes(dir).includes(Buffer.from('482019'))).toBe(false);
    store.close();
    expect(databaseBytes(dir).includes(Buffer.from('482019'))).toBe(false);
  });

  it('keeps a short clear PIN working but flags it', async () => {
    const dir = folder();
    const old = new EventStore(openDatabase(dir));
    old.putSetting('officials_pin', '2468');
    old.close();
    const store = new EventStore(openDatabase(dir));
    const pin = await OfficialsPin.open(store);
    expect(await pin.verify('2468')).toBe(true);
    expect(pin.isShort()).toBe(true);
    await pin.set('135790');
    expect(pin.isShort()).toBe(false);
    store.close();
  });
});
