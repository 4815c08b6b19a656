import { existsSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';
import * as echarts from 'echarts';

/**
 * Where a CJK font is found when CHART_FONT_FILE is not set: Debian's fonts-noto-cjk (installed
 * by scripts/install-fonts.sh and .ci/run), then WenQuanYi.
 */
export const FONT_CANDIDATES = [
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Medium.ttc',
  '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc',
  '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc',
];

/** The font file charts use, or undefined when the machine has no CJK font (charts are then left out). */
export const findChartFont = (configured?: string): string | undefined =>
  configured ? (existsSync(configured) ? configured : undefined) : FONT_CANDIDATES.find((f) => existsSync(f));

/** A grouped bar chart: one bar per category and series. */
export interface BarChartSpec {
  readonly title: string;
  readonly categories: readonly string[];
  readonly series: readonly { readonly name: string; readonly values: readonly number[] }[];
}

const WIDTH = 900;
const HEIGHT = 480;
const FAMILY = 'Noto Sans CJK SC, WenQuanYi Micro Hei, sans-serif';

/** The chart as SVG, rendered by ECharts on the server (no browser, no DOM). */
export const renderBarChartSvg = (spec: BarChartSpec): string => {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: WIDTH, height: HEIGHT });
  try {
    chart.setOption({
      animation: false,
      backgroundColor: '#ffffff',
      textStyle: { fontFamily: FAMILY },
      title: { text: spec.title, left: 'center', textStyle: { fontSize: 20, fontFamily: FAMILY } },
      legend: { top: 36, textStyle: { fontFamily: FAMILY } },
      grid: { left: 48, right: 24, top: 80, bottom: 48 },
      xAxis: { type: 'category', data: [...spec.categories], axisLabel: { fontFamily: FAMILY, interval: 0 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: spec.series.map((s) => ({
        name: s.name,
        type: 'bar',
        data: [...s.values],
        label: { show: true, position: 'top', fontFamily: FAMILY },
      })),
    });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
};

/** SVG to PNG with resvg, using only the given font file (so output does not depend on the machine). */
export const svgToPng = (svg: string, fontFile: string): Buffer =>
  new Resvg(svg, {
    background: '#ffffff',
    fitTo: { mode: 'width', value: WIDTH * 2 },
    font: { fontFiles: [fontFile], loadSystemFonts: false, defaultFontFamily: 'Noto Sans CJK SC' },
  })
    .render()
    .asPng();
