/**
 * dockerd and containerd (including its CRI plugin) in logrus text format. Content is the line
 * without its leading `time="…" level=… ` fields: `msg="…"` and the key=value fields after it.
 */
import { again, ev, keep, mostly, num, type ProbeFamily, type Slot } from './family.ts';
import type { Rng } from './rng.ts';

const IMAGES = ['docker.io/library/nginx:1.25-alpine', 'registry.example.com/shop/api:2024.05.2', 'registry.example.com/shop/worker:2024.05.2', 'ghcr.io/acme/metrics-agent:v0.31.0', 'docker.io/library/postgres:16', 'quay.io/prometheus/node-exporter:v1.8.0'];
const PODS = ['web-7d9c8b6f4-x2k9p', 'api-5c6d7f8b9-qrt4z', 'worker-6b8f9c7d5-m8n2v', 'node-exporter-4kq7s', 'postgres-0', 'metrics-agent-hx2lw'];
const NAMESPACES = ['default', 'shop', 'monitoring', 'kube-system'];

const cid = (r: Rng): string => r.sticky('cid', () => r.hex(64), 10, 0.7);
const sid = (r: Rng): string => r.sticky('sid', () => r.hex(64), 6, 0.7);
const container: Slot = cid;
const ns: Slot = (r) => r.skewed(['moby', 'k8s.io', 'buildkit']);
const image: Slot = (r) => r.skewed(IMAGES);
const pod: Slot = (r) => r.skewed(PODS);
const apiPath = (r: Rng): string =>
  `/v1.${r.pick(['43', '44', '45'])}/${r.pick([`containers/${cid(r).slice(0, 12)}/json`, `containers/${cid(r).slice(0, 12)}/start`, `exec/${r.hex(64)}/resize?h=${r.int(20, 60)}&w=${r.int(80, 240)}`, `containers/${r.pick(['shop-api-1', 'shop-worker-1', 'pg'])}/stop`])}`;
const podMeta: Slot = (r) => `&PodSandboxMetadata{Name:${pod(r)},Uid:${r.uuid()},Namespace:${r.skewed(NAMESPACES)},Attempt:${r.skewed(['0', '1', '2'])},}`;
const containerMeta: Slot = (r) => `&ContainerMetadata{Name:${r.skewed(['web', 'api', 'worker', 'node-exporter', 'postgres', 'istio-proxy'])},Attempt:${r.skewed(['0', '1', '3'])},}`;
const pullError: Slot = (r) =>
  r.pick([
    'Get \\"https://registry.example.com/v2/\\": dial tcp 10.0.9.20:443: i/o timeout',
    `manifest unknown: manifest unknown`,
    `unauthorized: authentication required`,
    `toomanyrequests: You have reached your pull rate limit.`,
  ]);

export const docker: ProbeFamily = {
  system: 'Docker',
  about: 'dockerd and containerd logs in logrus text format; Content starts at msg=.',
  events: [
    ev(12, 'msg="ignoring event" container=<*> module=<*> namespace=<*> topic=<*> type="<*>"', container, mostly('libcontainerd'), mostly('moby'), mostly('/tasks/delete', '/tasks/exit'), mostly('*events.TaskDelete', '*events.TaskExit')),
    ev(10, 'msg="shim disconnected" id=<*> namespace=<*>', container, ns),
    ev(8, 'msg="cleaning up after shim disconnected" id=<*> namespace=<*>', container, ns),
    ev(8, 'msg="cleaning up dead shim" namespace=<*>', ns),
    ev(4, 'msg="loading plugin \\"<*>\\"..." runtime=<*> type=<*>', (r) => r.pick(['io.containerd.event.v1.publisher', 'io.containerd.internal.v1.shutdown', 'io.containerd.ttrpc.v1.task', 'io.containerd.ttrpc.v1.pause']), mostly('io.containerd.runc.v2'),
      mostly('io.containerd.event.v1', 'io.containerd.internal.v1', 'io.containerd.ttrpc.v1')),
    ev(8, 'msg="starting signal loop" namespace=<*> path=<*> pid=<*> runtime=<*>', keep('ns', ns), (r) => `/run/containerd/io.containerd.runtime.v2.task/${again('ns')(r)}/${cid(r)}`, num(1000, 4000000), mostly('io.containerd.runc.v2', 'io.containerd.runsc.v1')),
    ev(1.5, 'msg="Container failed to exit within <*> of signal <*> - using the force" container=<*>', mostly('10s', '30s', '2s'), mostly('15', '3'), container),
    ev(3, 'msg="Handler for <*> <*> returned error: <*>"', mostly('GET', 'POST', 'DELETE'), apiPath,
      (r) => r.pick([`No such container: ${r.hex(12)}`, `container ${cid(r)} is not running`, 'conflict: unable to remove repository reference (must force)', `No such exec instance: ${r.hex(64)}`])),
    ev(0.05, 'msg="API listen on <*>"', mostly('/run/docker.sock', '/var/run/docker.sock')),
    ev(0.05, 'msg="Loading containers: start."'),
    ev(0.05, 'msg="Loading containers: done."'),
    ev(0.05, 'msg="Docker daemon" commit=<*> containerd-snapshotter=<*> storage-driver=<*> version=<*>', mostly('8e96db1', 'ef1912d'), mostly('false', 'true'), mostly('overlay2'), mostly('26.1.3', '26.0.2')),
    ev(0.05, 'msg="Daemon has completed initialization"'),
    ev(0.05, "msg=\"Processing signal '<*>'\"", mostly('terminated', 'interrupt')),
    ev(0.8, 'msg="Attempting next endpoint for pull after error: <*>"', pullError),
    ev(0.3, 'msg="Pull session cancelled"'),
    ev(0.5, 'msg="Download failed, retrying (<*>/<*>): <*>"', num(1, 5), mostly('5'), mostly('read tcp 10.0.9.14:41230->104.16.99.52:443: read: connection reset by peer', 'unexpected EOF')),
    ev(0.3, 'msg="Not continuing with pull after error: <*>"', pullError),
    ev(1.5, 'msg="Health check for container <*> error: <*>"', container, mostly('context deadline exceeded', 'OCI runtime exec failed: exec failed: unable to start container process: exec: \\"curl\\": executable file not found in $PATH: unknown')),
    ev(0.2, 'msg="Removing stale sandbox <*> (<*>)"', (r) => r.hex(64), (r) => r.hex(64)),
    ev(0.05, 'msg="Firewalld: interface <*> already part of docker zone, returning"', (r) => r.skewed(['docker0', `br-${r.hex(12)}`])),
    ev(0.2, 'msg="No non-localhost DNS nameservers are left in resolv.conf. Using default external servers: <*>"', (r) => `[${r.subset(['nameserver 8.8.8.8', 'nameserver 8.8.4.4', 'nameserver 1.1.1.1'], 1, 3).join(' ')}]`),
    ev(0.1, 'msg="IPv6 enabled; Adding default IPv6 external servers: <*>"', mostly('[nameserver 2001:4860:4860::8888 nameserver 2001:4860:4860::8844]')),
    ev(2, 'msg="received exit event" container_id=<*> id=<*> pid=<*> exit_status=<*> exited_at="<*>"', container, container, num(1000, 4000000), mostly('0', '137', '1', '143'), (r) => new Date(r.clock).toISOString().replace('Z', `${r.int(100, 999)}Z`)),
    ev(0.4, 'msg="copy shim log" error="<*>"', (r) => `read /proc/self/fd/${r.int(10, 90)}: file already closed`),
    ev(0.3, 'msg="Error getting v2 registry: <*>"', pullError),
    ev(1, 'msg="RunPodSandbox for <*> returns sandbox id \\"<*>\\""', podMeta, sid),
    ev(1, 'msg="RunPodSandbox for <*>"', podMeta),
    ev(1, 'msg="CreateContainer within sandbox \\"<*>\\" for container <*>"', sid, containerMeta),
    ev(1, 'msg="CreateContainer within sandbox \\"<*>\\" for <*> returns container id \\"<*>\\""', sid, containerMeta, container),
    ev(1, 'msg="StartContainer for \\"<*>\\""', container),
    ev(1, 'msg="StartContainer for \\"<*>\\" returns successfully"', container),
    ev(0.5, 'msg="StopPodSandbox for \\"<*>\\""', sid),
    ev(0.5, 'msg="TearDown network for sandbox \\"<*>\\" successfully"', sid),
    ev(0.5, 'msg="StopPodSandbox for \\"<*>\\" returns successfully"', sid),
    ev(0.5, 'msg="PullImage \\"<*>\\""', image),
    ev(0.5, 'msg="PullImage \\"<*>\\" returns image reference \\"<*>\\""', image, (r) => `sha256:${r.hex(64)}`),
    ev(0.4, 'msg="Pulled image \\"<*>\\" with image id \\"<*>\\", repo tag \\"<*>\\", repo digest \\"<*>\\", size \\"<*>\\" in <*>"', keep('image', image), (r) => `sha256:${r.hex(64)}`, again('image'), (r) => `${again('image')(r).split(':')[0]}@sha256:${r.hex(64)}`, (r) => String(r.logInt(2_000_000, 900_000_000)), (r) => `${r.fixed(0.3, 40, 6)}s`),
    ev(2, 'msg="container event discarded" container=<*> type="<*>"', container, mostly('*events.ContainerCreated', '*events.ContainerStarted', '*events.ContainerStopped', '*events.ContainerDeleted')),
    ev(0.1, 'msg="Forcibly stopping sandbox \\"<*>\\""', sid),
    ev(0.3, 'msg="Container <*> failed to exit within <*> of kill - trying direct SIGKILL" container=<*> error="<*>"', keep('c', container), mostly('10s', '2s'), again('c'), mostly('context deadline exceeded')),
  ],
};
