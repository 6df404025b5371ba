/** Value makers and time formats that several probe families share. */
import type { Rng } from './rng.ts';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

export const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

export const monthName = (d: Date): string => MONTHS[d.getUTCMonth()];
export const dayName = (d: Date): string => DAYS[d.getUTCDay()];
export const hms = (d: Date): string => `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;

/** An IPv4 address under a prefix such as `10.0.` (two octets) or `10.0.3.` (three). */
export function ipIn(r: Rng, prefix: string): string {
  const missing = 4 - prefix.split('.').filter(Boolean).length;
  const parts: number[] = [];
  for (let i = 0; i < missing; i++) parts.push(i === missing - 1 ? r.int(2, 254) : r.int(0, 15));
  return prefix + parts.join('.');
}

/** A public-looking address from the documentation ranges and a few others. */
export function publicIp(r: Rng): string {
  const prefix = r.pick(['203.0.113.', '198.51.100.', '192.0.2.', '185.220.101.', '45.142.', '91.198.', '141.98.', '80.94.']);
  return ipIn(r, prefix);
}

export const ephemeralPort = (r: Rng): string => String(r.int(32768, 60999));

/** A Go time.Duration as Go prints it: `812.4µs`, `35.120734ms`, `1.2034s`. */
export function goDuration(r: Rng, loMs = 0.05, hiMs = 3000): string {
  const ms = Math.exp(Math.log(loMs) + r.next() * (Math.log(hiMs) - Math.log(loMs)));
  if (ms < 1) return `${(ms * 1000).toFixed(r.int(1, 3)).replace(/\.?0+$/, '')}µs`;
  if (ms < 1000) return `${ms.toFixed(r.int(3, 6)).replace(/\.?0+$/, '')}ms`;
  return `${(ms / 1000).toFixed(r.int(3, 6)).replace(/\.?0+$/, '')}s`;
}

/** An e-mail address from a few domains. */
export function email(r: Rng, domains: readonly string[]): string {
  const first = r.pick(['anna', 'ben', 'chloe', 'david', 'elif', 'farid', 'greta', 'hugo', 'ines', 'jonas', 'kaori', 'lars', 'maya', 'nils', 'olga', 'pedro', 'quinn', 'rosa', 'sven', 'tara']);
  const style = r.int(0, 3);
  const local = style === 0 ? first : style === 1 ? `${first}.${r.pick(['berg', 'costa', 'dubois', 'eriksen', 'fischer', 'garcia', 'hansen', 'ivanova', 'kowalski', 'moreau'])}` : style === 2 ? `${first}${r.int(1, 99)}` : r.pick(['billing', 'noreply', 'support', 'info', 'orders', 'alerts', 'hr']);
  return `${local}@${r.skewed(domains)}`;
}
