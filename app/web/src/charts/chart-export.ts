import type { ChartInstance } from './ChartCanvas';

/**
 * A PNG of a drawn chart at `scale` times its size on screen (sharp on high-density
 * screens and in print): the chart is redrawn at that pixel ratio for the moment of the
 * copy, painted over a white background (the canvas itself is transparent), and put back.
 */
export async function chartToPng(chart: ChartInstance, scale = 2): Promise<Blob> {
  const previous = chart.options.devicePixelRatio;
  chart.options.devicePixelRatio = scale;
  try {
    chart.resize();
    chart.draw();
    const canvas = document.createElement('canvas');
    canvas.width = chart.canvas.width;
    canvas.height = chart.canvas.height;
    const context = canvas.getContext('2d');
    if (!context) throw new Error('this browser cannot draw on a canvas');
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(chart.canvas, 0, 0);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('the image could not be encoded'))), 'image/png'),
    );
  } finally {
    chart.options.devicePixelRatio = previous;
    chart.resize();
  }
}

/** Saves a blob as a file through a temporary link. */
export function downloadBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started from the click; give the browser a moment before the URL goes.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A file name from a chart title: letters, digits and dashes, never empty. */
export function fileNameFor(title: string, extension: 'png' | 'csv'): string {
  const stem = title
    .normalize('NFKD')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .toLowerCase();
  return `${stem || 'chart'}.${extension}`;
}
