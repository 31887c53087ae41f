import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

/** A small deterministic PRNG (mulberry32), so every run writes the same file. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A deterministic sales CSV of `rows` rows (about 75 bytes each). */
export async function writeSalesCsv(file: string, rows: number): Promise<void> {
  const next = random(42);
  const regions = ['north', 'south', 'east', 'west', 'central'];
  const products = ['widget', 'gadget', 'doohickey', 'gizmo', 'sprocket', 'flange', 'bracket', 'valve'];
  const channels = ['web', 'store', 'partner'];
  const out = createWriteStream(file);
  out.write('order_id,ordered_at,region,product,channel,quantity,unit_price,discount,returned\n');
  const start = Date.UTC(2024, 0, 1);
  let batch = '';
  for (let i = 0; i < rows; i += 1) {
    const at = new Date(start + i * 31_000).toISOString().slice(0, 19).replace('T', ' ');
    const discount = next() < 0.3 ? '' : (Math.floor(next() * 4) * 0.05).toFixed(2);
    batch += `${i + 1},${at},${regions[i % 5]},${products[Math.floor(next() * 8)]},${channels[Math.floor(next() * 3)]},${1 + Math.floor(next() * 20)},${(1 + next() * 999).toFixed(2)},${discount},${next() < 0.04}\n`;
    if (batch.length > 1 << 20) {
      if (!out.write(batch)) await once(out, 'drain');
      batch = '';
    }
  }
  out.end(batch);
  await once(out, 'finish');
}

/** The aggregate both sides of the comparison compute. */
export const GROUP_BY_SQL =
  'SELECT region, product, count(*) AS orders, sum(quantity * unit_price) AS revenue, avg(discount) AS avg_discount FROM sales GROUP BY region, product ORDER BY region, product';
