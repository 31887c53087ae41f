/**
 * Bounds how many runs execute at once (RUNS_MAX_CONCURRENT). Runs past the limit wait in
 * FIFO order; a waiting run can be taken out (cancelled before it started).
 */
export class RunQueue {
  private readonly waiting: { id: string; start: () => Promise<void> }[] = [];
  private readonly active = new Set<string>();

  public constructor(public readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`the run concurrency limit must be an integer >= 1, got ${limit}`);
  }

  /** Starts `start` now when a slot is free, else when every run queued before it has started. */
  public enqueue(id: string, start: () => Promise<void>): void {
    if (this.has(id)) throw new Error(`run ${id} is already queued or running`);
    this.waiting.push({ id, start });
    this.drain();
  }

  /** Takes a run out of the queue; false when it is not waiting (running, finished or unknown). */
  public remove(id: string): boolean {
    const index = this.waiting.findIndex((w) => w.id === id);
    if (index < 0) return false;
    this.waiting.splice(index, 1);
    return true;
  }

  public has(id: string): boolean {
    return this.active.has(id) || this.waiting.some((w) => w.id === id);
  }

  public waitingIds(): string[] {
    return this.waiting.map((w) => w.id);
  }

  public activeIds(): string[] {
    return [...this.active];
  }

  private drain(): void {
    while (this.active.size < this.limit && this.waiting.length > 0) {
      const next = this.waiting.shift() as { id: string; start: () => Promise<void> };
      this.active.add(next.id);
      // The slot is released when the run's promise settles, whatever the outcome.
      void next
        .start()
        .catch(() => undefined)
        .finally(() => {
          this.active.delete(next.id);
          this.drain();
        });
    }
  }
}
