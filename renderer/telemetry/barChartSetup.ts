// Chart.js bar charts (a migration's rounds): bars and a log scale registered on top of the line-chart setup.
import { BarController, BarElement, LogarithmicScale } from 'chart.js';
import { Chart } from './chartSetup.ts';

Chart.register(BarController, BarElement, LogarithmicScale);

export { Chart };
