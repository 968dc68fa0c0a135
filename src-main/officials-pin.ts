/**
 * The officials PIN at rest: stored only as a salted scrypt hash (station setting
 * `officials_pin_scrypt`, JSON with the cost parameters, the salt and the hash), never in clear.
 * A clear PIN an older Raceside left under `officials_pin` is hashed and scrubbed from the database
 * file when the station opens (`OfficialsPin.open`).
 *
 * Checking a PIN costs one scrypt (tens of milliseconds, off the main thread); the last PIN that
 * matched is remembered only as an HMAC under a key that lives in memory, so an official's tablet
 * polling with the right PIN does not pay scrypt on every request. Wrong guesses always pay it, and
 * are rate-limited before they get here (http/sign-in-guard.ts). This file never decides who may
 * try: it only answers whether a PIN is the one.
 */
import { createHmac, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import type { EventStore } from './store/event-store.ts';
import { transaction } from './store/database.ts';

const KEY = 'officials_pin_scrypt';
/** Where Raceside before issue 10 kept the PIN in clear. */
const LEGACY_KEY = 'officials_pin';
/** The PIN's minimum length since issue 10 (wire/admin.ts OFFICIALS_PIN_PATTERN). */
const MIN_DIGITS = 6;

interface PinRecord {
  /** scrypt cost parameters, stored so they can grow later without breaking older hashes. */
  N: number;
  r: number;
  p: number;
  salt: string;
  hash: string;
  /** Migrated from a clear PIN of fewer than 6 digits: the dashboard asks for a new one. */
  short?: true;
}

const COST = { N: 16_384, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;

function derive(pin: string, salt: Buffer, cost: { N: number; r: number; p: number }): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(pin, salt, KEY_LENGTH, { ...cost, maxmem: 256 * cost.N * cost.r }, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

async function hashPin(pin: string): Promise<PinRecord> {
  const salt = randomBytes(16);
  const hash = await derive(pin, salt, COST);
  return { ...COST, salt: salt.toString('base64'), hash: hash.toString('base64') };
}

export class OfficialsPin {
  private record: PinRecord | null;
  private readonly store: EventStore;
  private readonly memoKey = randomBytes(32);
  private lastGood: Buffer | null = null;

  private constructor(store: EventStore, record: PinRecord | null) {
    this.store = store;
    this.record = record;
  }

  /** Reads the stored hash, first hashing and scrubbing a clear PIN an older Raceside left. */
  static async open(store: EventStore): Promise<OfficialsPin> {
    const legacy = store.getSetting(LEGACY_KEY);
    if (legacy !== null) {
      const record = await hashPin(legacy);
      if (legacy.length < MIN_DIGITS) record.short = true;
      scrub(store, () => {
        store.putSetting(KEY, JSON.stringify(record));
        store.deleteSetting(LEGACY_KEY);
      });
    }
    const stored = store.getSetting(KEY);
    return new OfficialsPin(store, stored === null ? null : (JSON.parse(stored) as PinRecord));
  }

  isSet(): boolean {
    return this.record !== null;
  }

  /** The PIN came from an older Raceside and has fewer digits than now required. */
  isShort(): boolean {
    return this.record?.short === true;
  }

  /** Sets (hashes and stores) a new PIN, or removes it (`null`: only the operator acts as official). */
  async set(pin: string | null): Promise<void> {
    const record = pin === null ? null : await hashPin(pin);
    if (record) this.store.putSetting(KEY, JSON.stringify(record));
    else this.store.deleteSetting(KEY);
    this.record = record;
    this.lastGood = null;
  }

  /** Whether `pin` is the officials PIN (false when none is set). */
  async verify(pin: string): Promise<boolean> {
    const record = this.record;
    if (!record) return false;
    const memo = createHmac('sha256', this.memoKey).update(pin).digest();
    if (this.lastGood && timingSafeEqual(memo, this.lastGood)) return true;
    const hash = await derive(pin, Buffer.from(record.salt, 'base64'), record);
    const expected = Buffer.from(record.hash, 'base64');
    // The PIN may have changed while scrypt ran: only the record it was checked against counts.
    const ok = hash.length === expected.length && timingSafeEqual(hash, expected) && this.record === record;
    if (ok) this.lastGood = memo;
    return ok;
  }
}

/**
 * Runs `work` (which deletes a secret) so that no copy of the deleted bytes stays in the database
 * files: SQLite overwrites deleted content (`secure_delete`), and the WAL, which still holds the
 * old page, is checkpointed and truncated.
 */
function scrub(store: EventStore, work: () => void): void {
  const db = store.db;
  const before = (db.prepare('PRAGMA secure_delete').get() as { secure_delete: number }).secure_delete;
  db.exec('PRAGMA secure_delete = ON');
  try {
    transaction(db, work);
    db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
  } finally {
    db.exec(`PRAGMA secure_delete = ${before ? 'ON' : 'OFF'}`);
  }
}
