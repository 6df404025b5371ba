import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { detectTimeSource } from '../../../src/core/time/detect.ts';
import { chooseStep, TimeHistogram } from '../../../src/core/time/buckets.ts';
import { defaultNewSince, newestFirst, patternTimelines, spikeOf } from '../../../src/core/time/timeline.ts';
import { daysFromCivil, readerOf, timeParser, type TimeFormat } from '../../../src/core/time/parse.ts';

const REF = Date.UTC(2026, 5, 15, 12); // 2026-06-15 12:00Z
const at = (format: TimeFormat, text: string, ref = REF) => timeParser(format, ref)(text);
const utc = (iso: string) => Date.parse(iso);

describe('reading timestamps', () => {
  it('reads ISO 8601 with and without a zone, and the log4j/Python layouts', () => {
    expect(at('iso', '2024-01-02T03:04:05Z')).toBe(utc('2024-01-02T03:04:05Z'));
    expect(at('iso', '2024-01-02T03:04:05.123456Z rest')).toBe(utc('2024-01-02T03:04:05.123Z'));
    expect(at('iso', '2024-01-02T03:04:05+02:00')).toBe(utc('2024-01-02T01:04:05Z'));
    expect(at('iso', '2024-01-02T03:04:05-0530')).toBe(utc('2024-01-02T08:34:05Z'));
    expect(at('iso', '2024-01-02T03:04:05+05')).toBe(utc('2024-01-01T22:04:05Z'));
    // No zone: read as written (UTC), so it shows as written.
    expect(at('iso', '2024-01-02 03:04:05,678 INFO main started')).toBe(utc('2024-01-02T03:04:05.678Z'));
    expect(at('iso', '2024/01/02 03:04:05 [error] 12#0: open() failed')).toBe(utc('2024-01-02T03:04:05Z'));
    expect(at('iso', '[2024-01-02 03:04] job done')).toBe(utc('2024-01-02T03:04:00Z'));
    expect(at('iso', '2024-01-02')).toBe(utc('2024-01-02T00:00:00Z'));
    expect(at('iso', '2024-01-02 03:04:05 +0100 commit')).toBe(utc('2024-01-02T02:04:05Z'));
  });

  it('applies offsets that are not whole hours and crosses days and years with them', () => {
    expect(at('iso', '2024-01-01T00:10:00+05:45')).toBe(utc('2023-12-31T18:25:00Z'));
    expect(at('iso', '2023-12-31T23:30:00-09:30')).toBe(utc('2024-01-01T09:00:00Z'));
  });

  it('refuses dates and times that do not exist, and text that only starts like a date', () => {
    for (const text of ['2024-02-30 00:00:00', '2023-02-29T00:00:00Z', '2024-13-01', '2024-01-02T24:00:00', '2024-01-02T03:61', '2024-01-02x', '2024-01-0', 'v2024-01-02', '20240102']) {
      expect(at('iso', text), text).toBeNaN();
    }
    expect(at('iso', '2024-02-29T00:00:00Z')).toBe(utc('2024-02-29T00:00:00Z'));
  });

  it('reads RFC 5424 and RFC 3164 syslog, with the year taken from the reference time', () => {
    expect(at('iso', '<34>1 2003-10-11T22:14:15.003Z mymachine su - ID47 - failed')).toBe(utc('2003-10-11T22:14:15.003Z'));
    // October is months after the June reference: last year's.
    expect(at('syslog', 'Oct 11 22:14:15 mymachine su: failed')).toBe(utc('2025-10-11T22:14:15Z'));
    expect(at('syslog', '<34>Jun  5 22:14:15 host app[1]: x')).toBe(utc('2026-06-05T22:14:15Z'));
    expect(at('syslog', 'jun 05 22:14:15.250 host')).toBe(utc('2026-06-05T22:14:15.250Z'));
    expect(at('syslog', 'Jun 5 2021 22:14:15 host')).toBe(utc('2021-06-05T22:14:15Z'));
  });

  it('puts a year-less line in the year before when it would be more than a month after the reference', () => {
    const january = Date.UTC(2026, 0, 5);
    expect(at('syslog', 'Dec 31 23:59:59 host cron[1]: done', january)).toBe(utc('2025-12-31T23:59:59Z'));
    expect(at('syslog', 'Jan  4 10:00:00 host x', january)).toBe(utc('2026-01-04T10:00:00Z'));
    expect(at('syslog', 'Jan 20 10:00:00 host x', january)).toBe(utc('2026-01-20T10:00:00Z'));
    expect(at('glog', 'E1231 23:59:59.000001  123 main.cc:9] boom', january)).toBe(utc('2025-12-31T23:59:59Z'));
    // Feb 29 only exists in a leap year: the nearest one before a reference in 2025 is none.
    expect(at('syslog', 'Feb 29 10:00:00 host x', Date.UTC(2024, 5, 1))).toBe(utc('2024-02-29T10:00:00Z'));
    expect(at('syslog', 'Feb 29 10:00:00 host x', Date.UTC(2026, 5, 1))).toBeNaN();
  });

  it('reads the common log format after the client address, with its offset', () => {
    const line = '127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "GET /apache_pb.gif HTTP/1.0" 200 2326';
    expect(at('clf', line)).toBe(utc('2000-10-10T20:55:36Z'));
    expect(at('clf', '10/Oct/2000:13:55:36 +0000')).toBe(utc('2000-10-10T13:55:36Z'));
    expect(at('clf', '127.0.0.1 - - [32/Oct/2000:13:55:36 -0700] "GET /"')).toBeNaN();
    expect(at('clf', 'GET /index.html [not a time]')).toBeNaN();
  });

  it('reads glog headers', () => {
    expect(at('glog', 'I0102 03:04:05.678901  1234 server.cc:12] listening')).toBe(utc('2026-01-02T03:04:05.678Z'));
    expect(at('glog', 'X0102 03:04:05.678901 1 a.cc:1] x')).toBeNaN();
    expect(at('glog', 'Info about 0102')).toBeNaN();
  });

  it('tells epoch times from other numbers by their length and range', () => {
    expect(at('epoch', '1700000000')).toBe(1_700_000_000_000);
    expect(at('epoch', '1700000000.25 started')).toBe(1_700_000_000_250);
    expect(at('epoch', '1700000000123')).toBe(1_700_000_000_123);
    expect(at('epoch', '1700000000123456')).toBe(1_700_000_000_123);
    expect(at('epoch', '1700000000123456789')).toBe(1_700_000_000_123);
    for (const text of ['200', '42', '123456789', '9999999999', '0000000001', '17000000001', '1700000000x', '-1700000000', '3.14']) expect(at('epoch', text), text).toBeNaN();
  });

  it('says whether a time was written with its zone', () => {
    const iso = readerOf('iso', REF);
    expect(iso('2024-01-02T03:04:05Z')?.zoned).toBe(true);
    expect(iso('2024-01-02 03:04:05')?.zoned).toBe(false);
    expect(readerOf('epoch', REF)('1700000000')?.zoned).toBe(true);
  });

  it('agrees with Date on any instant written in ISO 8601 with an offset', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1970, 0, 1), max: Date.UTC(2099, 11, 31) }),
        fc.integer({ min: -14 * 60, max: 14 * 60 }),
        (ms, offset) => {
          const local = new Date(ms + offset * 60_000).toISOString().slice(0, 23);
          const sign = offset < 0 ? '-' : '+';
          const abs = Math.abs(offset);
          const zone = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
          expect(at('iso', local + zone)).toBe(ms);
        },
      ),
    );
  });

  it('reads a cell in place in the text around it exactly as it reads the cell alone', () => {
    const cells = [
      '2024-01-02 03:04:05', '2024-01-02T03:04:05.123Z', '2024-01-02', '2024-02-30 00:00:00', '2024-01-0', '2024-01-02 03:04',
      '<34>1 2003-10-11T22:14:15.003Z', 'Oct 11 22:14:15', 'Feb  3 01:02:03', '[02/Mar/2024:10:11:12 +0100]', '02/Mar/2024:10:11:12',
      '127.0.0.1 - - [02/Mar/2024:10:11:12 -0700] "GET /"', 'I0102 03:04:05.678901', '1700000000', '1700000000123', '1700000000.5', '', 'x',
    ];
    // Text that would continue a time if the reader looked past the cell: digits, a fraction, a zone, a bracket.
    const around = fc.stringMatching(/^[0-9,.:Z+\- [\]a"]{0,12}$/);
    fc.assert(
      fc.property(fc.constantFrom(...cells), around, around, fc.constantFrom<TimeFormat>('iso', 'syslog', 'clf', 'glog', 'epoch'), (cell, before, after, format) => {
        const read = timeParser(format, REF);
        const alone = read(cell);
        expect(read(before + cell + after, before.length, before.length + cell.length)).toBe(alone);
        expect(read(cell)).toBe(alone); // what was read before (a cached date) does not change a reading
      }),
      { numRuns: 3000 },
    );
  });

  it('counts days as the calendar does', () => {
    expect(daysFromCivil(1970, 1, 1)).toBe(0);
    expect(daysFromCivil(2000, 3, 1)).toBe(Date.UTC(2000, 2, 1) / 86_400_000);
    expect(daysFromCivil(1969, 12, 31)).toBe(-1);
  });
});

describe('finding where the rows keep their time', () => {
  const opts = { messageIndex: 1, referenceMs: REF };

  it('takes a column named like a time whose cells read as times', () => {
    const header = ['id', 'log_message', 'timestamp'];
    const rows = [
      ['1', 'a', '2024-01-02T03:04:05Z'],
      ['2', 'b', '2024-01-02T03:04:06Z'],
      ['3', 'c', ''],
    ];
    expect(detectTimeSource(header, rows, opts)).toMatchObject({ column: 2, columnName: 'timestamp', format: 'iso', inMessage: false, zoned: true });
  });

  it('takes an epoch column only when its name says time', () => {
    const rows = [
      ['1700000000', 'a'],
      ['1700000060', 'b'],
    ];
    expect(detectTimeSource(['bytes', 'log_message'], rows, opts)).toBeNull();
    expect(detectTimeSource(['ts', 'log_message'], rows, opts)).toMatchObject({ column: 0, format: 'epoch' });
  });

  it('finds a time at the start of the message, syslog and the common log format included', () => {
    const syslog = [['x', 'Jun  5 22:14:15 host sshd[1]: Accepted'], ['x', 'Jun  5 22:14:16 host sshd[1]: Closed']];
    expect(detectTimeSource(['source', 'log_message'], syslog, opts)).toMatchObject({ column: 1, format: 'syslog', inMessage: true, zoned: false });
    const clf = [['x', '10.0.0.1 - - [10/Oct/2000:13:55:36 -0700] "GET / HTTP/1.0" 200 1']];
    expect(detectTimeSource(['source', 'log_message'], clf, opts)).toMatchObject({ format: 'clf', inMessage: true });
  });

  it('finds none in messages that do not start with a time, and counts a few bad rows as untimed', () => {
    expect(detectTimeSource(['source', 'log_message'], [['x', 'User 12 logged in'], ['x', 'disk full']], opts)).toBeNull();
    const mostly = Array.from({ length: 10 }, (_, i) => ['x', i < 9 ? `2024-01-02 03:04:0${i} ok` : 'continued line']);
    expect(detectTimeSource(['source', 'log_message'], mostly, opts)?.format).toBe('iso');
    const half = Array.from({ length: 10 }, (_, i) => ['x', i < 5 ? `2024-01-02 03:04:0${i} ok` : 'other']);
    expect(detectTimeSource(['source', 'log_message'], half, opts)).toBeNull();
  });

  it('uses the column the user names, and says why it cannot', () => {
    const header = ['when', 'log_message'];
    const rows = [['2024-01-02 03:04:05', 'a']];
    expect(detectTimeSource(header, rows, { ...opts, choice: 'When' })).toMatchObject({ column: 0, format: 'iso' });
    expect(() => detectTimeSource(header, rows, { ...opts, choice: 'nope' })).toThrow(/No time column "nope".*when, log_message/);
    expect(() => detectTimeSource(header, rows, { ...opts, choice: 'log_message' })).toThrow(/holds no times/);
    expect(detectTimeSource(header, rows, { ...opts, choice: 'none' })).toBeNull();
  });
});

describe('rows per label over time', () => {
  const H = 3_600_000;
  const base = Date.UTC(2024, 0, 1);

  it('chooses bucket sizes from the data', () => {
    expect(chooseStep(base, base + 59_000)).toBe(1000);
    expect(chooseStep(base, base + 3 * 86_400_000 - 1)).toBe(H);
    expect(chooseStep(base, base + 29 * 86_400_000)).toBe(6 * H);
    expect(chooseStep(base, base)).toBe(10);
  });

  it('counts per label per bucket, with rows without a time counted apart', () => {
    const h = new TimeHistogram();
    const [error, info] = [0, 1];
    for (let day = 0; day < 3; day++) for (let hour = 0; hour < 24; hour++) h.add(base + day * 86_400_000 + hour * H, info);
    for (let i = 0; i < 50; i++) h.add(base + 86_400_000 + 5 * H + i * 1000, error);
    h.add(NaN, info);
    const r = h.result(['Error', 'Info']);
    expect(r).toMatchObject({ start: base, step: H, buckets: 72, labels: ['Error', 'Info'], timed: 72 + 50, untimed: 1, first: base, last: base + 2 * 86_400_000 + 23 * H });
    expect(r.counts[1].every((n) => n === 1)).toBe(true);
    expect(r.counts[0][24 + 5]).toBe(50);
    expect(r.counts[0].reduce((a, b) => a + b)).toBe(50);
  });

  it('gives the same table whatever the order of the rows, however many buckets it passed through', () => {
    const times = Array.from({ length: 20_000 }, (_, i) => base + ((i * 7919) % 20_000) * 37_000 + (i % 3));
    const count = (order: number[]) => {
      const h = new TimeHistogram();
      for (const i of order) h.add(times[i], i % 2);
      return h.result(['a', 'b'], 50);
    };
    const forward = count(times.map((_, i) => i));
    const backward = count(times.map((_, i) => times.length - 1 - i));
    expect(backward).toEqual(forward);
    expect(forward.buckets).toBeLessThanOrEqual(50);
    expect(forward.counts[0].reduce((a, b) => a + b) + forward.counts[1].reduce((a, b) => a + b)).toBe(20_000);
  });

  it('gives an empty table when no row has a time', () => {
    const h = new TimeHistogram();
    h.add(NaN, 0);
    expect(h.result(['x'])).toMatchObject({ buckets: 0, timed: 0, untimed: 1, counts: [[]] });
  });
});

describe('patterns over time', () => {
  const D = 86_400_000;
  const base = Date.UTC(2024, 2, 1);

  it('gives first and last seen, counts per bucket, and puts a pattern that appears late first', () => {
    // Pattern 0 every hour for 4 days; pattern 1 a burst on day 3; pattern 2 never timed; row 3 no pattern.
    const assignments: number[] = [];
    const times: number[] = [];
    for (let h = 0; h < 96; h++) {
      assignments.push(0);
      times.push(base + h * 3_600_000);
    }
    for (let i = 0; i < 40; i++) {
      assignments.push(1);
      times.push(base + 2 * D + 10 * 3_600_000 + i * 60_000);
    }
    assignments.push(2, -1, 0);
    times.push(NaN, base, NaN);
    const t = patternTimelines(Int32Array.from(assignments), Float64Array.from(times), 3);
    expect(t.step).toBe(3_600_000);
    expect(t.untimed).toBe(2);
    expect(t.patterns[1].firstSeen).toBe(base + 2 * D + 10 * 3_600_000);
    expect(t.patterns[1].lastSeen).toBe(base + 2 * D + 10 * 3_600_000 + 39 * 60_000);
    expect(t.patterns[1].counts.reduce((a, b) => a + b)).toBe(40);
    expect(t.patterns[0].spike).toBe(1);
    // A pattern seen within one bucket has no baseline to spike over: it is new instead.
    expect(t.patterns[1].spike).toBe(1);
    expect(spikeOf([2, 1, 2, 30, 1])).toBe(15);
    expect(t.patterns[2].firstSeen).toBeNaN();
    expect(newestFirst(t, [97, 40, 1])).toEqual([1, 0, 2]);
    expect(t.patterns[1].firstSeen).toBeGreaterThan(defaultNewSince(t) - D);
  });
});
