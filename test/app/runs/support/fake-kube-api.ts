import { randomUUID } from 'crypto';
import * as http from 'http';
import { AddressInfo } from 'net';
import { Socket } from 'net';
import { ResourceType, TYPES, matchesFieldSelector, matchesSelector, typeNamed } from './fake-kube-types';

export { matchesFieldSelector, matchesSelector } from './fake-kube-types';

/**
 * An in-memory Kubernetes API server (node:http) serving exactly what the web app calls:
 * create, get, list (labelSelector, fieldSelector), watch (resourceVersion, chunked JSON
 * lines), update and delete (propagationPolicy) of jobs, pods, sparkapplications and leases
 * and pod logs (the run backend); and lists of nodes, node metrics, Deployments,
 * StatefulSets, DaemonSets and events (the cluster overview). Every request is recorded as
 * the (verb, apiGroup, resource, namespace, subresource) RBAC would check; cluster-scoped
 * requests have namespace ''. Tests play the controllers: they write status with `put`, and
 * can drop watches. Resources are named as kubectl does: `nodes` is the core kind,
 * `nodes.metrics.k8s.io` metrics-server's.
 */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    resourceVersion?: string;
    uid?: string;
    creationTimestamp?: string;
    ownerReferences?: { uid: string; kind: string; name: string }[];
    [key: string]: unknown;
  };
  [key: string]: any;
}

export interface RecordedCall {
  readonly verb: string;
  readonly apiGroup: string;
  readonly resource: string;
  readonly namespace: string;
  readonly subresource?: string;
  readonly name?: string;
  readonly propagationPolicy?: string;
}

interface WatchEvent {
  readonly rv: number;
  readonly type: 'ADDED' | 'MODIFIED' | 'DELETED';
  readonly object: KubeObject;
  readonly key: string;
}

interface Watcher {
  readonly type: ResourceType;
  readonly namespace: string;
  readonly selector: string | undefined;
  readonly res: http.ServerResponse;
}

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value));

export class FakeKubeApi {
  public readonly calls: RecordedCall[] = [];
  private readonly objects = new Map<string, KubeObject>();
  private readonly history: WatchEvent[] = [];
  private readonly watchers = new Set<Watcher>();
  private readonly logs = new Map<string, string>();
  private readonly sockets = new Set<Socket>();
  private readonly refusals = new Map<ResourceType, { code: number; reason: string; message: string }>();
  private rv = 100;
  /** Events older than this resourceVersion are compacted: a watch from before it gets 410 Gone. */
  private compactedThrough = 0;
  private server: http.Server | undefined;

  public async start(): Promise<string> {
    this.server = http.createServer((req, res) => this.handle(req, res));
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  public async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  /** Open watch connections, per resource. */
  public watchCount(resource?: string): number {
    return [...this.watchers].filter((w) => resource === undefined || w.type.resource === resource).length;
  }

  /**
   * Ends every open watch: `abrupt` destroys the connection mid-stream (a network failure),
   * otherwise the response ends cleanly (the API server's watch timeout).
   */
  public dropWatches(mode: 'abrupt' | 'clean'): void {
    for (const w of this.watchers) {
      if (mode === 'abrupt') w.res.socket?.destroy();
      else w.res.end();
    }
    this.watchers.clear();
  }

  /** Forgets the event history up to now: a watch resuming from an older resourceVersion gets 410. */
  public compact(): void {
    this.compactedThrough = this.rv;
    this.history.length = 0;
  }

  public list(resource: string, namespace?: string): KubeObject[] {
    const type = typeNamed(resource);
    return [...this.objects.values()].filter(
      (o) => this.typeOf(o) === type && (namespace === undefined || o.metadata.namespace === namespace),
    );
  }

  public get(resource: string, namespace: string, name: string): KubeObject | undefined {
    return this.objects.get(this.key(typeNamed(resource), namespace, name));
  }

  /** Creates or replaces an object as a controller would (status included), emitting the watch event. */
  public put(object: KubeObject): KubeObject {
    const type = this.typeOf(object);
    if (type.clusterScoped) delete object.metadata.namespace;
    const key = this.key(type, object.metadata.namespace ?? '', object.metadata.name);
    const existing = this.objects.get(key);
    const stored = clone(object);
    stored.metadata.uid = existing?.metadata.uid ?? stored.metadata.uid ?? randomUUID();
    stored.metadata.creationTimestamp =
      existing?.metadata.creationTimestamp ?? stored.metadata.creationTimestamp ?? new Date().toISOString();
    stored.metadata.resourceVersion = String(++this.rv);
    this.objects.set(key, stored);
    this.emit({ rv: this.rv, type: existing ? 'MODIFIED' : 'ADDED', object: stored, key });
    return clone(stored);
  }

  /** Changes an object in place (for example its status) and emits MODIFIED. */
  public update(resource: string, namespace: string, name: string, change: (o: KubeObject) => void): KubeObject {
    const object = this.get(resource, namespace, name);
    if (!object) throw new Error(`no ${resource} ${namespace}/${name}`);
    const copy = clone(object);
    change(copy);
    return this.put(copy);
  }

  /** Deletes an object as someone outside the backend would (kubectl); dependents go in the background. */
  public deleteObject(resource: string, namespace: string, name: string): void {
    const type = typeNamed(resource);
    const key = this.key(type, namespace, name);
    const object = this.objects.get(key);
    if (object) this.remove(key, object, 'Background');
  }

  /**
   * Answers every later request for `resource` with an error status, as an API server does
   * when RBAC forbids it (403) or an aggregated API such as metrics-server is away (503).
   */
  public refuse(resource: string, code: number, reason: string, message: string): void {
    this.refusals.set(typeNamed(resource), { code, reason, message });
  }

  public setLog(namespace: string, pod: string, text: string): void {
    this.logs.set(`${namespace}/${pod}`, text);
  }

  private typeOf(object: KubeObject): ResourceType {
    const group = object.apiVersion.includes('/') ? object.apiVersion.split('/')[0] : '';
    const type = TYPES.find((t) => t.group === group && t.kind === object.kind);
    if (!type) throw new Error(`the fake API does not serve ${object.apiVersion} ${object.kind}`);
    return type;
  }

  private key(type: ResourceType, namespace: string, name: string): string {
    return `${type.group}/${type.resource}/${namespace}/${name}`;
  }

  private emit(event: WatchEvent): void {
    this.history.push(event);
    for (const w of this.watchers) this.send(w, event);
  }

  private send(w: Watcher, event: WatchEvent): void {
    const o = event.object;
    if (this.typeOf(o) !== w.type || (o.metadata.namespace ?? '') !== w.namespace || !matchesSelector(o.metadata.labels, w.selector))
      return;
    w.res.write(JSON.stringify({ type: event.type, object: o }) + '\n');
  }

  private status(res: http.ServerResponse, code: number, reason: string, message: string): void {
    res.writeHead(code, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', reason, message, code }));
  }

  private json(res: http.ServerResponse, code: number, body: unknown): void {
    res.writeHead(code, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const m = /^\/(?:api\/(v1)|apis\/([^/]+)\/([^/]+))(?:\/namespaces\/([^/]+))?\/([^/]+)(?:\/([^/]+))?(?:\/([^/]+))?$/.exec(url.pathname);
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (!m) return this.status(res, 404, 'NotFound', `the fake API does not serve ${url.pathname}`);
    const [, coreVersion, group = '', groupVersion, namespace = '', resource, name, subresource] = m;
    const type = TYPES.find((t) => t.group === group && t.resource === resource && t.version === (coreVersion ?? groupVersion));
    if (!type) return this.status(res, 404, 'NotFound', `the fake API does not serve ${group}/${resource}`);
    // A namespaced kind asked for without a namespace would be a list across all namespaces,
    // which nothing here needs (and RBAC would check cluster-wide); a cluster-scoped kind has none.
    if (type.clusterScoped === (namespace !== '')) {
      return this.status(res, 404, 'NotFound', `the fake API does not serve ${url.pathname}`);
    }
    const body = chunks.length > 0 ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : undefined;
    const watch = url.searchParams.get('watch') === 'true';
    const method = req.method ?? 'GET';
    const verb =
      method === 'GET'
        ? name
          ? 'get'
          : watch
            ? 'watch'
            : 'list'
        : method === 'POST'
          ? 'create'
          : method === 'PUT'
            ? 'update'
            : method === 'DELETE'
              ? name
                ? 'delete'
                : 'deletecollection'
              : method.toLowerCase();
    const propagationPolicy = body?.propagationPolicy ?? url.searchParams.get('propagationPolicy') ?? undefined;
    this.calls.push({
      verb,
      apiGroup: group,
      resource,
      namespace,
      ...(subresource ? { subresource } : {}),
      ...(name ? { name } : {}),
      ...(propagationPolicy ? { propagationPolicy } : {}),
    });
    const refusal = this.refusals.get(type);
    if (refusal) return this.status(res, refusal.code, refusal.reason, refusal.message);
    const key = name ? this.key(type, namespace, name) : '';
    const selector = url.searchParams.get('labelSelector') ?? undefined;
    const fieldSelector = url.searchParams.get('fieldSelector') ?? undefined;

    if (subresource === 'log' && type.resource === 'pods' && verb === 'get') {
      if (!this.objects.has(key)) return this.status(res, 404, 'NotFound', `pods "${name}" not found`);
      let text = this.logs.get(`${namespace}/${name}`) ?? '';
      const tail = url.searchParams.get('tailLines');
      if (tail !== null)
        text =
          text
            .split('\n')
            .filter((l, i, all) => i < all.length - 1 || l !== '')
            .slice(-Number(tail))
            .join('\n') + '\n';
      res.writeHead(200, { 'content-type': 'text/plain' });
      return void res.end(text);
    }
    if (subresource) return this.status(res, 404, 'NotFound', `the fake API does not serve ${resource}/${subresource}`);

    if (verb === 'list') {
      const items = [...this.objects.values()].filter(
        (o) =>
          this.typeOf(o) === type &&
          (o.metadata.namespace ?? '') === namespace &&
          matchesSelector(o.metadata.labels, selector) &&
          matchesFieldSelector(o, fieldSelector),
      );
      return this.json(res, 200, {
        apiVersion: type.group ? `${type.group}/${type.version}` : 'v1',
        kind: `${type.kind}List`,
        metadata: { resourceVersion: String(this.rv) },
        items,
      });
    }
    if (verb === 'watch') {
      const from = Number(url.searchParams.get('resourceVersion') || '0');
      res.writeHead(200, { 'content-type': 'application/json', 'transfer-encoding': 'chunked' });
      res.flushHeaders();
      if (from > 0 && from < this.compactedThrough) {
        const gone = {
          kind: 'Status',
          apiVersion: 'v1',
          status: 'Failure',
          reason: 'Expired',
          code: 410,
          message: `too old resource version: ${from}`,
        };
        res.end(JSON.stringify({ type: 'ERROR', object: gone }) + '\n');
        return;
      }
      const watcher: Watcher = { type, namespace, selector, res };
      for (const event of this.history) if (event.rv > from) this.send(watcher, event);
      this.watchers.add(watcher);
      res.on('close', () => this.watchers.delete(watcher));
      return;
    }
    if (verb === 'get') {
      const object = this.objects.get(key);
      return object ? this.json(res, 200, object) : this.status(res, 404, 'NotFound', `${resource} "${name}" not found`);
    }
    if (type.resource === 'leases' && (verb === 'create' || verb === 'update')) {
      // The API server parses Lease times as MicroTime: RFC 3339 with exactly six fraction digits.
      for (const field of ['acquireTime', 'renewTime']) {
        const value = body?.spec?.[field];
        if (value !== undefined && !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/.test(value)) {
          return this.status(res, 422, 'Invalid', `spec.${field}: Invalid value: "${value}": not a MicroTime`);
        }
      }
    }
    if (verb === 'create') {
      const object = body as KubeObject;
      object.metadata.namespace = namespace;
      if (this.objects.has(this.key(type, namespace, object.metadata.name))) {
        return this.status(res, 409, 'AlreadyExists', `${resource} "${object.metadata.name}" already exists`);
      }
      return this.json(res, 201, this.put(object));
    }
    if (verb === 'update') {
      const existing = this.objects.get(key);
      if (!existing) return this.status(res, 404, 'NotFound', `${resource} "${name}" not found`);
      if (body.metadata.resourceVersion !== existing.metadata.resourceVersion) {
        return this.status(res, 409, 'Conflict', `Operation cannot be fulfilled on ${resource} "${name}": the object has been modified`);
      }
      return this.json(res, 200, this.put(body));
    }
    if (verb === 'delete') {
      const object = this.objects.get(key);
      if (!object) return this.status(res, 404, 'NotFound', `${resource} "${name}" not found`);
      this.remove(key, object, propagationPolicy ?? type.defaultPropagation);
      return this.json(res, 200, { kind: 'Status', apiVersion: 'v1', status: 'Success', details: { name, kind: resource } });
    }
    return this.status(res, 405, 'MethodNotAllowed', `${method} is not served`);
  }

  /** Deletes an object and, unless orphaned, its dependents (what the garbage collector does). */
  private remove(key: string, object: KubeObject, propagation: string): void {
    this.objects.delete(key);
    this.emit({
      rv: ++this.rv,
      type: 'DELETED',
      object: { ...object, metadata: { ...object.metadata, resourceVersion: String(this.rv) } },
      key,
    });
    if (propagation === 'Orphan') return;
    for (const [k, o] of [...this.objects.entries()]) {
      if (o.metadata.ownerReferences?.some((r) => r.uid === object.metadata.uid)) this.remove(k, o, propagation);
    }
  }
}
