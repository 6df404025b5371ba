/**
 * Offline use and updates, as the page sees them: registers the service worker (`sw.js`, see
 * src/sw/service-worker.ts; production builds only), says when the app is ready to work offline,
 * and offers a new version when one has been installed – applied only when the user asks and no
 * work is in progress, so an update never breaks a run.
 */

export type OfflineState = 'unsupported' | 'installing' | 'ready' | 'failed';

interface SwMessage {
  type?: string;
  state?: string;
  version?: string;
}

export class OfflineStatus {
  state = $state<OfflineState>('unsupported');
  /** Why the app is not ready offline (a failed install). */
  problem = $state('');
  /** A new version is installed and waits for the user's Reload. */
  updateReady = $state(false);
  /** Another tab switched to a new version; this one runs the old one until it reloads. */
  updatedElsewhere = $state(false);
  /** The version of the service worker in control (a hash of the build's files). */
  version = $state('');
  private registration: ServiceWorkerRegistration | null = null;
  private reloading = false;
  private requested = false;

  /** Registers the service worker; a no-op where there is none (dev server, old browsers, insecure origins). */
  async start(): Promise<void> {
    if (!import.meta.env.PROD || typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
    const container = navigator.serviceWorker;
    this.state = 'installing';
    container.addEventListener('message', (e: MessageEvent<SwMessage>) => {
      if (e.data?.type !== 'logsift-sw') return;
      if (e.data.version && e.data.state === 'version') this.version = e.data.version;
    });
    container.addEventListener('controllerchange', () => {
      container.controller?.postMessage({ type: 'logsift-version' });
      if (this.requested && !this.reloading) {
        this.reloading = true;
        location.reload();
      } else if (!this.requested && this.hadController) {
        // Another tab applied an update: this tab keeps working on its version (its files stay cached).
        this.updatedElsewhere = true;
      }
      this.hadController = true;
    });
    this.hadController = !!container.controller;
    try {
      const reg = await container.register(`${import.meta.env.BASE_URL}sw.js`, { scope: import.meta.env.BASE_URL });
      this.registration = reg;
      this.watch(reg);
      await container.ready;
      this.state = 'ready';
      navigator.serviceWorker.controller?.postMessage({ type: 'logsift-version' });
      // Look for a new version now and then (the browser also checks on navigation).
      setInterval(() => void reg.update().catch(() => {}), 60 * 60 * 1000);
      document.addEventListener('visibilitychange', () => {
        if (document.visibilityState === 'visible') void reg.update().catch(() => {});
      });
    } catch (err) {
      this.state = 'failed';
      this.problem = err instanceof Error ? err.message : String(err);
    }
  }

  private hadController = false;

  private watch(reg: ServiceWorkerRegistration): void {
    const check = () => {
      // A waiting worker while one is in control: a new version is ready.
      this.updateReady = !!reg.waiting && !!navigator.serviceWorker.controller;
    };
    check();
    reg.addEventListener('updatefound', () => {
      const installing = reg.installing;
      installing?.addEventListener('statechange', () => {
        if (installing.state === 'redundant' && !reg.active) {
          this.state = 'failed';
          this.problem = 'the files for offline use could not all be stored (is the browser’s storage full?)';
        }
        check();
      });
    });
  }

  /** Switches to the new version and reloads; refuses (returns false) while work is in progress. */
  applyUpdate(busy: boolean): boolean {
    const waiting = this.registration?.waiting;
    if (busy || !waiting) return false;
    this.requested = true;
    waiting.postMessage({ type: 'logsift-skip-waiting' });
    return true;
  }

  /** Looks for a new version now. */
  async checkForUpdate(): Promise<void> {
    await this.registration?.update();
  }

  /** Removes the offline copy: unregisters the service worker and deletes its caches. */
  async removeOfflineCopy(): Promise<void> {
    await this.registration?.unregister();
    for (const name of await caches.keys()) if (name.startsWith('logsift-app-')) await caches.delete(name);
    this.registration = null;
    this.state = 'unsupported';
    this.updateReady = false;
  }
}

export const offline = new OfflineStatus();
