/**
 * Generated log lines for measuring pattern discovery where users run it: long request lines in
 * the style of a cloud controller's API log (ids, addresses, paths, status, sizes, durations) mixed
 * with short business messages, about 190 bytes a line on average. Deterministic for a seed, so
 * every run measures the same file.
 */
import { createRng, type Rng } from '../../src/core/generate/random.ts';

const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH'];
const RESOURCES = ['servers', 'volumes', 'images', 'networks', 'ports', 'flavors', 'snapshots', 'keypairs', 'routers', 'subnets'];
const SERVICES = ['nova.osapi_compute.wsgi.server', 'cinder.api.openstack.wsgi', 'neutron.wsgi', 'glance.api.v2.images', 'keystone.common.wsgi'];
const LEVELS = ['INFO', 'INFO', 'INFO', 'WARNING', 'ERROR', 'DEBUG'];
const CUSTOMERS = ['acme', 'globex', 'initech', 'umbrella', 'hooli', 'stark', 'wayne', 'tyrell'];
const ITEMS = ['invoice', 'order', 'payment', 'refund', 'shipment', 'subscription'];
const STATES = ['created', 'approved', 'rejected', 'cancelled', 'settled', 'queued for review'];

const hex = (rng: Rng, n: number) => {
  let s = '';
  for (let i = 0; i < n; i++) s += '0123456789abcdef'[rng.int(0, 15)];
  return s;
};
const uuid = (rng: Rng) => `${hex(rng, 8)}-${hex(rng, 4)}-${hex(rng, 4)}-${hex(rng, 4)}-${hex(rng, 12)}`;
const ip = (rng: Rng) => `10.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}`;

function requestLine(rng: Rng): string {
  const resource = rng.pick(RESOURCES);
  const detail = rng.next() < 0.5 ? `/${uuid(rng)}` : rng.next() < 0.5 ? '/detail' : '';
  const query = rng.next() < 0.3 ? `?limit=${rng.int(1, 1000)}&marker=${uuid(rng)}` : '';
  return (
    `${rng.pick(LEVELS)} ${rng.pick(SERVICES)} [req-${uuid(rng)} ${hex(rng, 32)} ${hex(rng, 32)} - default default] ` +
    `${ip(rng)} "${rng.pick(METHODS)} /v2/${hex(rng, 32)}/${resource}${detail}${query} HTTP/1.1" ` +
    `status: ${rng.pick([200, 200, 202, 204, 400, 404, 500])} len: ${rng.int(200, 9000)} time: 0.${rng.int(1000000, 9999999)}`
  );
}

function businessLine(rng: Rng): string {
  const item = rng.pick(ITEMS);
  const n = rng.int(0, 5);
  if (n === 0) return `${item} ${rng.int(10000, 999999)} for customer ${rng.pick(CUSTOMERS)} ${rng.pick(STATES)}`;
  if (n === 1) return `Retrying ${item} sync to ${ip(rng)}:${rng.int(1024, 65535)} after ${rng.int(1, 30)}s (attempt ${rng.int(1, 5)} of 5)`;
  if (n === 2) return `user ${rng.pick(CUSTOMERS)}-${rng.int(1, 999)} exported ${rng.int(1, 5000)} ${item}s to /data/exports/${hex(rng, 8)}/${item}.csv in ${rng.int(1, 900)} ms`;
  if (n === 3) return `cache miss for key ${item}:${hex(rng, 16)} region=${rng.pick(['eu-west-1', 'us-east-1', 'ap-south-1'])} ttl=${rng.int(1, 3600)}`;
  if (n === 4) return `Scheduled job nightly-${item}-report finished with status ${rng.pick(['OK', 'FAILED', 'SKIPPED'])} at ${rng.int(0, 23)}:${rng.int(10, 59)}:${rng.int(10, 59)}`;
  return `Payment gateway responded ${rng.pick([200, 402, 409, 503])} for ${item} ${uuid(rng)} amount=${rng.int(1, 99999)}.${rng.int(10, 99)} currency=${rng.pick(['EUR', 'USD', 'GBP'])}`;
}

/**
 * A string built by `+` is a tree of pieces until first read; a line read from a file is one flat
 * string. Flattening here keeps that first read (and its garbage) out of what is measured.
 */
const flat = (text: string) => Buffer.from(text, 'latin1').toString('latin1');

/** `count` lines, about 60 % long request lines, the rest short business messages. */
export function* longLines(count: number, seed = 'long-lines'): Generator<string> {
  const rng = createRng(seed);
  for (let i = 0; i < count; i++) yield flat(rng.next() < 0.6 ? requestLine(rng) : businessLine(rng));
}
