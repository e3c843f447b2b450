// Composes the PNG a user saves from a chart: the drawn canvas framed by its title, time range and legend (offscreen).
import type { ChartExportText, LegendEntry } from './chartExportText.ts';
import { legendRows } from './chartExportText.ts';

export interface ExportPalette {
  surface: string;
  text: string;
  muted: string;
}

const font = (px: number, weight = 400): string => `${weight} ${px}px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif`;

/**
 * `ratio` is the chart's device pixel ratio, so the frame is as sharp as the chart. The on-screen legend is HTML beside
 * the canvas, which a saved image would lose; here it is drawn into the image.
 */
export function composeChartImage(chartCanvas: HTMLCanvasElement, text: ChartExportText, palette: ExportPalette, ratio: number): string {
  const r = Math.max(1, ratio);
  const pad = 14 * r;
  const swatch = 12 * r;
  const gap = 18 * r;
  const lineHeight = 18 * r;
  const out = document.createElement('canvas');
  const ctx = out.getContext('2d');
  if (!ctx) return chartCanvas.toDataURL('image/png');
  const width = chartCanvas.width;
  ctx.font = font(12 * r);
  const entryWidth = (entry: LegendEntry): number => swatch + 6 * r + ctx.measureText(entry.label).width;
  const rows = legendRows(text.legend, width - 2 * pad, entryWidth, gap);
  const header = pad + 20 * r + 18 * r + 8 * r;
  out.width = width;
  out.height = Math.ceil(header + chartCanvas.height + rows.length * lineHeight + pad);

  ctx.fillStyle = palette.surface;
  ctx.fillRect(0, 0, out.width, out.height);
  ctx.textBaseline = 'top';
  ctx.fillStyle = palette.text;
  ctx.font = font(16 * r, 600);
  ctx.fillText(text.title, pad, pad);
  ctx.fillStyle = palette.muted;
  ctx.font = font(12 * r);
  ctx.fillText(text.subtitle, pad, pad + 22 * r);
  ctx.drawImage(chartCanvas, 0, header);

  let y = header + chartCanvas.height + 4 * r;
  ctx.textBaseline = 'middle';
  for (const row of rows) {
    let x = pad;
    for (const entry of row) {
      drawSwatch(ctx, entry, x, y + lineHeight / 2, swatch, r);
      ctx.fillStyle = palette.text;
      ctx.fillText(entry.label, x + swatch + 6 * r, y + lineHeight / 2);
      x += entryWidth(entry) + gap;
    }
    y += lineHeight;
  }
  return out.toDataURL('image/png');
}

function drawSwatch(ctx: CanvasRenderingContext2D, entry: LegendEntry, x: number, middle: number, size: number, r: number): void {
  if (entry.dashed) {
    ctx.strokeStyle = entry.color;
    ctx.lineWidth = 2 * r;
    ctx.setLineDash([4 * r, 3 * r]);
    ctx.beginPath();
    ctx.moveTo(x, middle);
    ctx.lineTo(x + size, middle);
    ctx.stroke();
    ctx.setLineDash([]);
    return;
  }
  ctx.fillStyle = entry.color;
  ctx.fillRect(x, middle - size / 2, size, size);
}
