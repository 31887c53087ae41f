/** Retries `probe` until it answers `status` (after an outage the app recovers by itself). */
export async function eventually<R extends { statusCode: number }>(
  probe: () => Promise<R>,
  status: number,
  timeoutMs = 15_000,
): Promise<R> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await probe();
    if (response.statusCode === status) return response;
    if (Date.now() > deadline) throw new Error(`still ${response.statusCode} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
