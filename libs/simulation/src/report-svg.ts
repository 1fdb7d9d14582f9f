import * as echarts from 'echarts';
import { reportCharts } from './report-chart-options';
import type { SimulationReport } from './simulation-report';

// Single quotes: ECharts writes the family into a double-quoted style attribute without escaping it.
const FONT = "'Noto Sans CJK SC', 'Source Han Sans SC', sans-serif";

/** Each chart of the report rendered server-side by ECharts (SSR, SVG renderer): no browser, no canvas. */
export function renderReportSvgs(r: SimulationReport, width = 720, height = 320): { id: string; title: string; svg: string }[] {
  return reportCharts(r).map((c) => {
    const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
    try {
      chart.setOption({ animation: false, textStyle: { fontFamily: FONT }, backgroundColor: '#ffffff', ...c.option });
      return { id: c.id, title: c.title, svg: chart.renderToSVGString() };
    } finally {
      chart.dispose();
    }
  });
}
