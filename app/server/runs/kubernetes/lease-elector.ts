import { EventEmitter } from 'node:events';
import { CoordinationV1Api, V1Lease, V1MicroTime } from '@kubernetes/client-node';

/**
 * Leader election over a coordination.k8s.io/v1 Lease, as client-go's leaderelection package
 * does it (@kubernetes/client-node has none): the leader renews the Lease every
 * `retryPeriodMs`; another replica takes it over only after seeing the same record unchanged
 * for `leaseDurationSeconds` of its own clock (so clocks need not agree), and every write is a
 * compare-and-swap on resourceVersion, so two replicas never both win. A leader that cannot
 * renew for `renewDeadlineMs` stops leading before anyone else may start.
 */
export interface LeaseElectorOptions {
  readonly api: CoordinationV1Api;
  readonly namespace: string;
  /** Name of the Lease object. */
  readonly name: string;
  /** This replica's identity (its pod name and a random suffix). */
  readonly identity: string;
  /** @default 15 */
  readonly leaseDurationSeconds?: number;
  /** @default 10000; must be below the lease duration */
  readonly renewDeadlineMs?: number;
  /** @default 2000 */
  readonly retryPeriodMs?: number;
  /** @default Date.now */
  readonly now?: () => number;
}

type Outcome = 'leading' | 'held-by-other' | 'lost-race';

export class LeaseElector extends EventEmitter<{ started: []; stopped: []; error: [Error] }> {
  private leading = false;
  private lastRenew = 0;
  private observed: { key: string; at: number } | undefined;
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private readonly leaseDurationMs: number;
  private readonly renewDeadlineMs: number;
  private readonly retryPeriodMs: number;
  private readonly now: () => number;

  public constructor(private readonly options: LeaseElectorOptions) {
    super();
    this.leaseDurationMs = (options.leaseDurationSeconds ?? 15) * 1000;
    this.renewDeadlineMs = options.renewDeadlineMs ?? 10000;
    this.retryPeriodMs = options.retryPeriodMs ?? 2000;
    this.now = options.now ?? Date.now;
    if (!(this.retryPeriodMs < this.renewDeadlineMs && this.renewDeadlineMs < this.leaseDurationMs)) {
      throw new RangeError('lease timings must satisfy retryPeriodMs < renewDeadlineMs < leaseDurationSeconds * 1000');
    }
  }

  public isLeader(): boolean {
    return this.leading;
  }

  public start(): void {
    if (this.running) return;
    this.running = true;
    void this.loop();
  }

  /**
   * Stops electing. A leader gives the Lease up so another replica takes over at once, unless
   * `release` is false (then the others wait for it to expire, as after a crash).
   */
  public async stop(options: { readonly release?: boolean } = {}): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    if (this.leading) {
      this.setLeading(false);
      if (options.release !== false) await this.release().catch((error: Error) => this.emit('error', error));
    }
  }

  private async loop(): Promise<void> {
    if (!this.running) return;
    try {
      const outcome = await this.tryAcquireOrRenew();
      if (outcome === 'leading') {
        this.lastRenew = this.now();
        this.setLeading(true);
      } else {
        this.setLeading(false);
      }
    } catch (error) {
      this.emit('error', error as Error);
      if (this.leading && this.now() - this.lastRenew >= this.renewDeadlineMs) this.setLeading(false);
    }
    if (this.running) this.timer = setTimeout(() => void this.loop(), this.retryPeriodMs);
  }

  private setLeading(leading: boolean): void {
    if (leading === this.leading) return;
    this.leading = leading;
    this.emit(leading ? 'started' : 'stopped');
  }

  private async tryAcquireOrRenew(): Promise<Outcome> {
    const { api, namespace, name, identity } = this.options;
    const now = this.now();
    let lease: V1Lease;
    try {
      lease = await api.readNamespacedLease({ name, namespace });
    } catch (error) {
      if ((error as { code?: number }).code !== 404) throw error;
      try {
        await api.createNamespacedLease({ namespace, body: this.record({ metadata: { name, namespace } }, now, 0) });
        return 'leading';
      } catch (createError) {
        if ((createError as { code?: number }).code === 409) return 'lost-race';
        throw createError;
      }
    }
    const spec = lease.spec ?? {};
    const holder = spec.holderIdentity ?? '';
    const key = `${holder}|${String(spec.renewTime ?? '')}|${lease.metadata?.resourceVersion ?? ''}`;
    if (this.observed?.key !== key) this.observed = { key, at: now };
    const duration = (spec.leaseDurationSeconds ?? this.leaseDurationMs / 1000) * 1000;
    if (holder !== '' && holder !== identity && now - this.observed.at < duration) return 'held-by-other';
    const transitions = (spec.leaseTransitions ?? 0) + (holder === identity ? 0 : 1);
    try {
      await api.replaceNamespacedLease({
        name,
        namespace,
        body: this.record(lease, now, transitions, holder === identity && spec.acquireTime ? new Date(spec.acquireTime) : undefined),
      });
      return 'leading';
    } catch (error) {
      if ((error as { code?: number }).code === 409) return 'lost-race';
      throw error;
    }
  }

  private record(lease: V1Lease, now: number, transitions: number, acquired?: Date): V1Lease {
    return {
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: lease.metadata,
      spec: {
        holderIdentity: this.options.identity,
        leaseDurationSeconds: this.leaseDurationMs / 1000,
        acquireTime: new V1MicroTime(acquired?.getTime() ?? now),
        renewTime: new V1MicroTime(now),
        leaseTransitions: transitions,
      },
    };
  }

  /** Empties the holder (client-go's ReleaseOnCancel) if the Lease is still ours. */
  private async release(): Promise<void> {
    const { api, namespace, name, identity } = this.options;
    const lease = await api.readNamespacedLease({ name, namespace });
    if (lease.spec?.holderIdentity !== identity) return;
    await api.replaceNamespacedLease({
      name,
      namespace,
      body: {
        ...lease,
        spec: {
          ...lease.spec,
          holderIdentity: undefined,
          leaseDurationSeconds: 1,
          // The client may hand MicroTime back as text; it is written back as a MicroTime.
          acquireTime: lease.spec.acquireTime ? new V1MicroTime(new Date(lease.spec.acquireTime).getTime()) : undefined,
          renewTime: new V1MicroTime(this.now()),
        },
      },
    });
  }
}
