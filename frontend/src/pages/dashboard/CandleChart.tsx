import { useEffect, useRef, useState } from 'react';
import {
  CandlestickSeries,
  ColorType,
  createChart,
  createSeriesMarkers,
  LineSeries,
  LineStyle,
  type IChartApi,
  type IPriceLine,
  type ISeriesApi,
  type ISeriesMarkersPluginApi,
  type SeriesMarker,
  type Time as ChartTime,
  type UTCTimestamp,
} from 'lightweight-charts';
import type { CandleSeries, CandleView, Order, Position, Settings, SignalView, Trade } from '../../api/types';
import { formatChartTick, formatLocalTime, formatNumber, toNumber } from '../../lib/format';

type Point = { time: UTCTimestamp; value: number };

/**
 * The indicators the chart draws beside the price, by the bot's strategy: the ADX and ±DI panes for
 * ADX trend, the bot's two EMA lines over the price for EMA crossover.
 */
export type Indicators = { kind: 'adx' } | { kind: 'ema'; periods: number[] };

/** The indicators for a bot's settings; ADX trend (the API's default) when they are not known. */
export function indicatorsFor(
  settings: Partial<Pick<Settings, 'strategy' | 'emaFast' | 'emaSlow'>> | undefined,
): Indicators {
  if (settings?.strategy === 'EMA_CROSS' && settings.emaFast !== undefined && settings.emaSlow !== undefined) {
    return { kind: 'ema', periods: [settings.emaFast, settings.emaSlow] };
  }
  return { kind: 'adx' };
}

export interface ChartData {
  indicators: Indicators;
  candles: { time: UTCTimestamp; open: number; high: number; low: number; close: number }[];
  adx: Point[];
  plusDi: Point[];
  minusDi: Point[];
  /** One line per EMA period of an EMA crossover bot (fast first), from the candles' emaN values. */
  emas: { period: number; points: Point[] }[];
  markers: SeriesMarker<ChartTime>[];
  /** The open positions' entry, stop-loss and take-profit, drawn as price lines across the chart. */
  levels: Level[];
}

export type Level = { price: number; title: string; kind: 'entry' | 'stop' | 'target' };

const LEVEL_COLORS: Record<Level['kind'], string> = { entry: '#c8d1e0', stop: '#ef5350', target: '#26a69a' };

/** The price lines of open positions: entry, stop-loss and take-profit of each, those the position has. */
export function levelsOf(positions: Position[]): Level[] {
  const levels: Level[] = [];
  for (const p of positions) {
    const side = p.side === 'LONG' ? 'long' : 'short';
    const entry = toNumber(p.entryPrice);
    const stop = toNumber(p.stopLoss);
    const target = toNumber(p.takeProfit);
    if (entry !== null) levels.push({ price: entry, title: `Entry ${side}`, kind: 'entry' });
    if (stop !== null) levels.push({ price: stop, title: 'Stop', kind: 'stop' });
    if (target !== null) levels.push({ price: target, title: 'Take profit', kind: 'target' });
  }
  return levels;
}

/** What the chart shows for one bar (the hovered one, else the last): its prices and indicator values. */
export function readoutAt(data: ChartData, time: number | null): string | null {
  const bar = time === null ? data.candles[data.candles.length - 1] : data.candles.find((c) => c.time === time);
  if (!bar) return null;
  const at = (points: Point[]) => points.find((p) => p.time === bar.time)?.value;
  const parts = [
    formatLocalTime(isoOf(bar.time)),
    `O ${formatNumber(bar.open)}`,
    `H ${formatNumber(bar.high)}`,
    `L ${formatNumber(bar.low)}`,
    `C ${formatNumber(bar.close)}`,
  ];
  if (data.indicators.kind === 'adx') {
    const values: [string, number | undefined][] = [
      ['ADX', at(data.adx)],
      ['+DI', at(data.plusDi)],
      ['−DI', at(data.minusDi)],
    ];
    for (const [name, value] of values) if (value !== undefined) parts.push(`${name} ${formatNumber(value, 1)}`);
  } else {
    for (const ema of data.emas) {
      const value = at(ema.points);
      if (value !== undefined) parts.push(`EMA ${ema.period} ${formatNumber(value)}`);
    }
  }
  return parts.join('  ');
}

/** A bar time (seconds since the epoch) as an ISO instant. */
const isoOf = (time: ChartTime | number) => new Date((time as number) * 1000).toISOString();

const seconds = (iso: string) => Math.floor(new Date(iso).getTime() / 1000) as UTCTimestamp;

/**
 * Maps a moment of the platform (an order's or a position's time) to the market time of the bar it
 * happened in, using the signals: each says when (at) the platform handled which closed candle
 * (candleTime), so a moment falls in the bar after the newest candle handled before it. This is right
 * on the real exchange and also when the simulator's market runs faster than the clock. Null when
 * there are no signals to learn from; a moment older than every signal maps to null.
 */
export function marketClock(signals: SignalView[], timeframeSeconds: number): ((iso: string) => number | null) | null {
  const pairs = signals
    .filter((s) => s.at && s.candleTime)
    .map((s) => [Date.parse(s.at as string), seconds(s.candleTime)] as const)
    .filter(([wall, market]) => Number.isFinite(wall) && Number.isFinite(market))
    .sort((a, b) => a[0] - b[0]);
  if (pairs.length === 0) return null;
  return (iso: string) => {
    const t = Date.parse(iso);
    let bar: number | null = null;
    for (const [wall, market] of pairs) {
      if (wall > t) break;
      bar = bar === null ? market : Math.max(bar, market);
    }
    return bar === null ? null : bar + timeframeSeconds;
  };
}

/**
 * Candles, indicator lines and entry/exit markers, as lightweight-charts wants them (sorted, unique
 * times). Entries come from filled OPEN orders and open positions, exits from filled CLOSE orders and
 * closed trades; each marker sits on the bar its time falls in.
 */
export function toChartData(
  candles: CandleView[],
  orders: Order[],
  trades: Trade[],
  positions: Position[],
  timeframeSeconds: number,
  clock: ((iso: string) => number | null) | null = null,
  indicators: Indicators = { kind: 'adx' },
): ChartData {
  const sorted = [...candles].sort((a, b) => a.openTime.localeCompare(b.openTime));
  const seen = new Set<number>();
  const emas = indicators.kind === 'ema' ? indicators.periods.map((period) => ({ period, points: [] as Point[] })) : [];
  const data: ChartData = {
    indicators,
    candles: [],
    adx: [],
    plusDi: [],
    minusDi: [],
    emas,
    markers: [],
    levels: levelsOf(positions),
  };
  for (const c of sorted) {
    const time = seconds(c.openTime);
    if (seen.has(time)) continue;
    seen.add(time);
    const [open, high, low, close] = [toNumber(c.open), toNumber(c.high), toNumber(c.low), toNumber(c.close)];
    if (open === null || high === null || low === null || close === null) continue;
    data.candles.push({ time, open, high, low, close });
    if (indicators.kind === 'adx') {
      const adx = toNumber(c.adx);
      const plus = toNumber(c.plusDi);
      const minus = toNumber(c.minusDi);
      if (adx !== null) data.adx.push({ time, value: adx });
      if (plus !== null) data.plusDi.push({ time, value: plus });
      if (minus !== null) data.minusDi.push({ time, value: minus });
    }
    for (const ema of emas) {
      // null until the period has enough candles
      const value = toNumber((c as Record<string, unknown>)[`ema${ema.period}`] as number | string | null | undefined);
      if (value !== null) ema.points.push({ time, value });
    }
  }
  const first = data.candles[0]?.time ?? 0;
  const last = data.candles[data.candles.length - 1]?.time ?? 0;
  const onBar = (iso: string | null | undefined): UTCTimestamp | null => {
    if (!iso) return null;
    const t = clock ? clock(iso) : seconds(iso);
    if (t === null) return null;
    if (!Number.isFinite(t) || t < first || t >= last + timeframeSeconds) return null;
    return (t - ((t - first) % timeframeSeconds)) as UTCTimestamp;
  };
  const isLong = (side: string | null | undefined) => /^(LONG|BUY)$/i.test(side ?? '');
  const entry = (time: UTCTimestamp, side: string | null | undefined, label: string): SeriesMarker<ChartTime> => ({
    time,
    position: isLong(side) ? 'belowBar' : 'aboveBar',
    shape: isLong(side) ? 'arrowUp' : 'arrowDown',
    color: isLong(side) ? '#26a69a' : '#ef5350',
    text: label,
  });
  const exit = (time: UTCTimestamp, label: string): SeriesMarker<ChartTime> => ({
    time,
    position: 'aboveBar',
    shape: 'circle',
    color: '#f0b429',
    text: label,
  });
  const keys = new Set<string>();
  const add = (marker: SeriesMarker<ChartTime>) => {
    const key = `${marker.time as number}:${marker.text}`;
    if (!keys.has(key)) {
      keys.add(key);
      data.markers.push(marker);
    }
  };
  for (const order of orders) {
    if (order.status !== 'FILLED') continue;
    const time = onBar(order.updatedAt ?? order.requestedAt);
    if (time === null) continue;
    const direction = order.direction ?? order.side;
    if (order.intent === 'OPEN') add(entry(time, direction, `Entry ${direction ?? ''}`.trim()));
    else add(exit(time, 'Exit'));
  }
  for (const position of positions) {
    const time = onBar(position.openedAt);
    if (time !== null) add(entry(time, position.side, `Entry ${position.side}`));
  }
  for (const trade of trades) {
    const time = onBar(trade.closedAt);
    if (time !== null) add(exit(time, 'Exit'));
  }
  data.markers.sort((a, b) => (a.time as number) - (b.time as number));
  return data;
}

export const TIMEFRAME_SECONDS: Record<string, number> = {
  '1m': 60,
  '3m': 180,
  '5m': 300,
  '15m': 900,
  '30m': 1800,
  '1h': 3600,
  '2h': 7200,
  '4h': 14400,
  '6h': 21600,
  '8h': 28800,
  '12h': 43200,
  '1d': 86400,
};

/**
 * The timeframes the chart can show for {@code symbol}: those the platform keeps candles of (the feed publishes
 * what bots trade and the always-on series), shortest first, with the one shown now always in.
 */
export function timeframeChoices(series: CandleSeries[], symbol: string, current: string): string[] {
  const frames = new Set(series.filter((s) => s.symbol === symbol).map((s) => s.timeframe as string));
  frames.add(current);
  return [...frames].sort((a, b) => (TIMEFRAME_SECONDS[a] ?? 0) - (TIMEFRAME_SECONDS[b] ?? 0));
}

/** The EMA lines' colours, fast first; the legend's swatches (styles.css .swatch.ema0, .ema1) match them. */
const EMA_COLORS = ['#4fc3f7', '#ba68c8'];

type Drawn =
  | { kind: 'adx'; adx: ISeriesApi<'Line'>; plusDi: ISeriesApi<'Line'>; minusDi: ISeriesApi<'Line'> }
  | { kind: 'ema'; lines: ISeriesApi<'Line'>[] };

/**
 * The candle chart: for an ADX trend bot with an ADX pane and a +DI/−DI pane below it, for an EMA
 * crossover bot with its two EMA lines over the price. The chart is drawn anew when the indicators change.
 */
export function CandleChart({
  data,
  symbol,
  adxThreshold,
}: {
  data: ChartData;
  symbol: string;
  /** The bot's ADX threshold, drawn across the ADX pane when known: above it the bot sees a trend. */
  adxThreshold?: number;
}) {
  const container = useRef<HTMLDivElement>(null);
  const series = useRef<{
    candles: ISeriesApi<'Candlestick'>;
    drawn: Drawn;
    markers: ISeriesMarkersPluginApi<ChartTime>;
    lines: IPriceLine[];
    threshold: IPriceLine | null;
  } | null>(null);
  const [hovered, setHovered] = useState<number | null>(null);
  const { indicators } = data;
  // the chart is drawn anew only when the kind of indicators or the EMA periods change, not for every new
  // (equal) Indicators object: the drawing effect reads these two values only
  const kind = indicators.kind;
  const emaPeriods = indicators.kind === 'ema' ? indicators.periods.join('/') : '';

  useEffect(() => {
    if (!container.current) return undefined;
    const created: IChartApi = createChart(container.current, {
      autoSize: true,
      layout: { background: { type: ColorType.Solid, color: '#121826' }, textColor: '#c8d1e0' },
      grid: { vertLines: { color: '#1e2738' }, horzLines: { color: '#1e2738' } },
      // bar times in the browser's time zone, as every table shows them (the library's own labels are UTC)
      localization: { timeFormatter: (time: ChartTime) => formatLocalTime(isoOf(time)) },
      timeScale: {
        timeVisible: true,
        secondsVisible: false,
        tickMarkFormatter: (time: ChartTime, tickKind: number) => formatChartTick(time as number, tickKind),
      },
    });
    const candles = created.addSeries(CandlestickSeries, {
      upColor: '#26a69a',
      downColor: '#ef5350',
      borderVisible: false,
      wickUpColor: '#26a69a',
      wickDownColor: '#ef5350',
    });
    let drawn: Drawn;
    if (kind === 'ema') {
      const lines = emaPeriods.split('/').map((period, i) =>
        created.addSeries(LineSeries, {
          color: EMA_COLORS[i % EMA_COLORS.length],
          lineWidth: 2,
          title: `EMA ${period}`,
        }),
      );
      drawn = { kind: 'ema', lines };
    } else {
      const adx = created.addSeries(LineSeries, { color: '#f0b429', lineWidth: 2, title: 'ADX' }, 1);
      const plusDi = created.addSeries(LineSeries, { color: '#26a69a', lineWidth: 1, title: '+DI' }, 2);
      const minusDi = created.addSeries(LineSeries, { color: '#ef5350', lineWidth: 1, title: '−DI' }, 2);
      const panes = created.panes();
      panes[0]?.setHeight(260);
      panes[1]?.setHeight(110);
      panes[2]?.setHeight(90);
      drawn = { kind: 'adx', adx, plusDi, minusDi };
    }
    const markers = createSeriesMarkers(candles, []);
    series.current = { candles, drawn, markers, lines: [], threshold: null };
    // the readout follows the crosshair; off the bars it shows the last one
    created.subscribeCrosshairMove((param) => setHovered(typeof param.time === 'number' ? param.time : null));
    return () => {
      created.remove();
      series.current = null;
    };
  }, [kind, emaPeriods]);

  useEffect(() => {
    const s = series.current;
    if (!s) return;
    s.candles.setData(data.candles);
    if (s.drawn.kind === 'adx') {
      s.drawn.adx.setData(data.adx);
      s.drawn.plusDi.setData(data.plusDi);
      s.drawn.minusDi.setData(data.minusDi);
    } else {
      s.drawn.lines.forEach((line, i) => line.setData(data.emas[i]?.points ?? []));
    }
    s.markers.setMarkers(data.markers);
    s.lines.forEach((line) => s.candles.removePriceLine(line));
    if (s.drawn.kind === 'adx') {
      if (s.threshold) s.drawn.adx.removePriceLine(s.threshold);
      s.threshold =
        adxThreshold === undefined
          ? null
          : s.drawn.adx.createPriceLine({
              price: adxThreshold,
              color: '#f0b429',
              lineWidth: 1,
              lineStyle: LineStyle.Dotted,
              axisLabelVisible: true,
              title: `threshold ${adxThreshold}`,
            });
    }
    s.lines = data.levels.map((level) =>
      s.candles.createPriceLine({
        price: level.price,
        color: LEVEL_COLORS[level.kind],
        lineWidth: 1,
        lineStyle: level.kind === 'entry' ? LineStyle.Solid : LineStyle.Dashed,
        axisLabelVisible: true,
        title: level.title,
      }),
    );
  }, [data, kind, emaPeriods, adxThreshold]);

  const readout = readoutAt(data, hovered);

  const label =
    indicators.kind === 'ema'
      ? `${symbol} candles with ${indicators.periods.map((p) => `EMA ${p}`).join(' and ')}`
      : `${symbol} candles with ADX and DI panes`;
  return (
    <figure className="chart" aria-label={label}>
      <div ref={container} className="chart-canvas" />
      <figcaption className="legend">
        {indicators.kind === 'ema' ? (
          indicators.periods.map((period, i) => (
            <span key={period} className="legend-item">
              <span className={`swatch ema${i % EMA_COLORS.length}`} /> EMA {period}{' '}
            </span>
          ))
        ) : (
          <>
            <span className="swatch adx" /> ADX <span className="swatch plus" /> +DI <span className="swatch minus" />{' '}
            −DI
          </>
        )}
        <span className="muted">
          {' '}
          · ▲▼ entries, ● exits{data.levels.length > 0 ? ', lines: entry, stop, take profit' : ''}
        </span>
        {readout && (
          <span className="chart-readout mono small" data-testid="chart-readout">
            {readout}
          </span>
        )}
      </figcaption>
    </figure>
  );
}
