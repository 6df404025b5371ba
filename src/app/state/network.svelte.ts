/**
 * The network indicator's state: what is being sent now, and where to. Fed by
 * - the LLM worker's reports (workers/network-report.ts, BroadcastChannel `logsift-network`):
 *   remote LLM calls, model lists, WebLLM downloads – the only requests logsift makes to other hosts;
 * - the page's own resource timing entries for other origins (there should be none: the page's
 *   Content-Security-Policy allows only this origin).
 * Requests to this app's own origin (its files) are not shown: they send nothing of yours.
 */
import { NETWORK_CHANNEL, type NetworkEvent } from '../../../workers/network-report.ts';

export interface HostActivity {
  host: string;
  /** Requests in flight now. */
  active: number;
  /** Requests so far in this tab. */
  requests: number;
  failed: number;
  bytesOut: number;
  /** Date.now() of the last event. */
  lastAt: number;
}

export class NetworkActivity {
  hosts = $state<HostActivity[]>([]);
  private inflight = new Set<string>();
  private started = false;

  get active(): number {
    return this.hosts.reduce((n, h) => n + h.active, 0);
  }

  get total(): number {
    return this.hosts.reduce((n, h) => n + h.requests, 0);
  }

  /** Hosts with requests in flight now. */
  get sendingTo(): string[] {
    return this.hosts.filter((h) => h.active > 0).map((h) => h.host);
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    if (typeof BroadcastChannel !== 'undefined') {
      const channel = new BroadcastChannel(NETWORK_CHANNEL);
      channel.addEventListener('message', (e: MessageEvent<NetworkEvent>) => this.record(e.data));
    }
    if (typeof PerformanceObserver !== 'undefined') {
      try {
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) {
            let url: URL;
            try {
              url = new URL(entry.name);
            } catch {
              continue;
            }
            if (url.origin === location.origin || url.protocol === 'blob:' || url.protocol === 'data:') continue;
            const id = `page-${entry.startTime}-${entry.name}`;
            const base = { id, host: url.host, origin: url.origin, method: 'GET', bytesOut: 0 };
            this.record({ ...base, phase: 'start', at: Date.now() });
            this.record({ ...base, phase: 'end', status: (entry as PerformanceResourceTiming).responseStatus ?? 0, at: Date.now() });
          }
        }).observe({ type: 'resource', buffered: true });
      } catch {
        // no resource timing here
      }
    }
  }

  /** One report (exported for tests). */
  record(event: NetworkEvent): void {
    if (!event || typeof event.host !== 'string' || (event.phase !== 'start' && event.phase !== 'end')) return;
    const hosts = this.hosts.slice();
    let h = hosts.find((x) => x.host === event.host);
    if (!h) {
      h = { host: event.host, active: 0, requests: 0, failed: 0, bytesOut: 0, lastAt: event.at };
      hosts.push(h);
    }
    const next = { ...h, lastAt: event.at };
    if (event.phase === 'start') {
      this.inflight.add(event.id);
      next.active++;
      next.requests++;
      next.bytesOut += event.bytesOut || 0;
    } else if (this.inflight.delete(event.id)) {
      next.active = Math.max(0, next.active - 1);
      if (!event.status || event.status >= 400) next.failed++;
    }
    hosts[hosts.indexOf(h)] = next;
    this.hosts = hosts;
  }
}

export const network = new NetworkActivity();
