// Chart.js with only the pieces Virtlab's line charts use registered (keeps the bundle small).
import { CategoryScale, Chart, Filler, Legend, LineController, LineElement, LinearScale, PointElement, Tooltip } from 'chart.js';

Chart.register(LineController, LineElement, PointElement, LinearScale, CategoryScale, Filler, Legend, Tooltip);

/** Paints the canvas in the theme's surface colour first, so a saved PNG is readable (not transparent). */
export function canvasBackground(color: string) {
  return {
    id: 'virtlabBackground',
    beforeDraw(chart: { ctx: CanvasRenderingContext2D; width: number; height: number }): void {
      const { ctx } = chart;
      ctx.save();
      ctx.globalCompositeOperation = 'destination-over';
      ctx.fillStyle = color;
      ctx.fillRect(0, 0, chart.width, chart.height);
      ctx.restore();
    },
  };
}

export { Chart };
