/**
 * Wrappers: the same message as structured or decorated loggers print it – inside a JSON
 * object, as a logfmt `msg="…"`, behind a component or thread tag, with request context after
 * it. Real software wraps its messages in all these ways; a model that has seen a message only
 * bare learns its words together with the absence of these, and misjudges it wrapped.
 */
import type { Rng } from '../random.ts';
import type { Label } from './family.ts';
import { levelFor } from './headers.ts';
import { SHARED_SLOTS } from './slots.ts';

const slot = (name: string) => SHARED_SLOTS[name] as (rng: Rng, time: number) => string;

const COMPONENTS = ['main', 'worker', 'scheduler', 'api', 'db', 'cache', 'auth', 'http', 'grpc', 'sync', 'queue', 'storage', 'net', 'core', 'agent', 'controller', 'manager', 'monitor', 'runner', 'server'];

type Wrapper = (rng: Rng, message: string, label: Label, time: number) => string;

const jsonText = (text: string) => JSON.stringify(text);

const WRAPPERS: readonly Wrapper[] = [
  // JSON lines (bunyan/pino/zap/logstash shapes).
  (rng, message, label, time) =>
    `{"level":"${levelFor(rng, label).toLowerCase()}","ts":"${new Date(time * 1000).toISOString()}","msg":${jsonText(message)}}`,
  (rng, message, label, time) =>
    `{"@timestamp":"${new Date(time * 1000).toISOString()}","log.level":"${levelFor(rng, label)}","message":${jsonText(message)},"service.name":"${rng.pick(COMPONENTS)}"}`,
  (rng, message, label) => `{"severity":"${levelFor(rng, label)}","logger":"${rng.pick(COMPONENTS)}","message":${jsonText(message)}}`,
  // logfmt.
  (rng, message, label, time) =>
    `time="${new Date(time * 1000).toISOString()}" level=${levelFor(rng, label).toLowerCase()} msg=${jsonText(message)}`,
  (rng, message, label) => `level=${levelFor(rng, label).toLowerCase()} component=${rng.pick(COMPONENTS)} msg=${jsonText(message)}`,
  // Tags before the message.
  (rng, message) => `[${rng.pick(COMPONENTS)}] ${message}`,
  (rng, message, _label, time) => `[${slot('thread')(rng, time)}] ${message}`,
  (rng, message) => `${rng.pick(COMPONENTS)}: ${message}`,
  (rng, message, label) => `${levelFor(rng, label)}: ${message}`,
  (rng, message, label) => `<${levelFor(rng, label).toLowerCase()}> ${message}`,
  // Context after the message.
  (rng, message, _label, time) => `${message} request_id=${slot('uuid')(rng, time)}`,
  (rng, message, _label, time) => `${message} [trace_id=${slot('hex32')(rng, time)}]`,
  (rng, message, _label, time) => `${message} (host=${slot('host')(rng, time)}, pid=${slot('pid')(rng, time)})`,
];

/** The message in one of the wrappers, picked at random. */
export function wrapMessage(rng: Rng, message: string, label: Label, time: number): string {
  return rng.pick(WRAPPERS)(rng, message, label, time);
}
