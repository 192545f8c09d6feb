import { useEffect, useRef } from 'react';
import {
  CandlestickSeries,
  ColorType,
  createChart,
  createSeriesMarkers,
  LineSeries,
  type IChartApi,
  type ISeriesApi,
  type ISeriesMarkersPluginApi,
  type SeriesMarker,
  type Time as ChartTime,
  type UTCTimestamp,
} from 'lightweight-charts';
import type { CandleView, Order, Position, SignalView, Trade } from '../../api/types';
import { toNumber } from '../../lib/format';

export interface ChartData {
  candles: { time: UTCTimestamp; open: number; high: number; low: number; close: number }[];
  adx: { time: UTCTimestamp; value: number }[];
  plusDi: { time: UTCTimestamp; value: number }[];
  minusDi: { time: UTCTimestamp; value: number }[];
  markers: SeriesMarker<ChartTime>[];
}

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
): ChartData {
  const sorted = [...candles].sort((a, b) => a.openTime.localeCompare(b.openTime));
  const seen = new Set<number>();
  const data: ChartData = { candles: [], adx: [], plusDi: [], minusDi: [], markers: [] };
  for (const c of sorted) {
    const time = seconds(c.openTime);
    if (seen.has(time)) continue;
    seen.add(time);
    const [open, high, low, close] = [toNumber(c.open), toNumber(c.high), toNumber(c.low), toNumber(c.close)];
    if (open === null || high === null || low === null || close === null) continue;
    data.candles.push({ time, open, high, low, close });
    const adx = toNumber(c.adx);
    const plus = toNumber(c.plusDi);
    const minus = toNumber(c.minusDi);
    if (adx !== null) data.adx.push({ time, value: adx });
    if (plus !== null) data.plusDi.push({ time, value: plus });
    if (minus !== null) data.minusDi.push({ time, value: minus });
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
    time, position: 'aboveBar', shape: 'circle', color: '#f0b429', text: label,
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
  '1m': 60, '3m': 180, '5m': 300, '15m': 900, '30m': 1800, '1h': 3600, '2h': 7200, '4h': 14400,
  '6h': 21600, '8h': 28800, '12h': 43200, '1d': 86400,
};

/** The candle chart with an ADX pane and a +DI/−DI pane below it. */
export function CandleChart({ data, symbol }: { data: ChartData; symbol: string }) {
  const container = useRef<HTMLDivElement>(null);
  const chart = useRef<IChartApi | null>(null);
  const series = useRef<{
    candles: ISeriesApi<'Candlestick'>;
    adx: ISeriesApi<'Line'>;
    plusDi: ISeriesApi<'Line'>;
    minusDi: ISeriesApi<'Line'>;
    markers: ISeriesMarkersPluginApi<ChartTime>;
  } | null>(null);

  useEffect(() => {
    if (!container.current) return undefined;
    const created = createChart(container.current, {
      autoSize: true,
      layout: { background: { type: ColorType.Solid, color: '#121826' }, textColor: '#c8d1e0' },
      grid: { vertLines: { color: '#1e2738' }, horzLines: { color: '#1e2738' } },
      timeScale: { timeVisible: true, secondsVisible: false },
    });
    const candles = created.addSeries(CandlestickSeries, {
      upColor: '#26a69a', downColor: '#ef5350', borderVisible: false, wickUpColor: '#26a69a', wickDownColor: '#ef5350',
    });
    const adx = created.addSeries(LineSeries, { color: '#f0b429', lineWidth: 2, title: 'ADX' }, 1);
    const plusDi = created.addSeries(LineSeries, { color: '#26a69a', lineWidth: 1, title: '+DI' }, 2);
    const minusDi = created.addSeries(LineSeries, { color: '#ef5350', lineWidth: 1, title: '−DI' }, 2);
    const markers = createSeriesMarkers(candles, []);
    const panes = created.panes();
    panes[0]?.setHeight(260);
    panes[1]?.setHeight(90);
    panes[2]?.setHeight(90);
    chart.current = created;
    series.current = { candles, adx, plusDi, minusDi, markers };
    return () => {
      created.remove();
      chart.current = null;
      series.current = null;
    };
  }, []);

  useEffect(() => {
    const s = series.current;
    if (!s) return;
    s.candles.setData(data.candles);
    s.adx.setData(data.adx);
    s.plusDi.setData(data.plusDi);
    s.minusDi.setData(data.minusDi);
    s.markers.setMarkers(data.markers);
  }, [data]);

  return (
    <figure className="chart" aria-label={`${symbol} candles with ADX and DI panes`}>
      <div ref={container} className="chart-canvas" />
      <figcaption className="legend">
        <span className="swatch adx" /> ADX <span className="swatch plus" /> +DI <span className="swatch minus" /> −DI
        <span className="muted"> · ▲▼ entries, ● exits</span>
      </figcaption>
    </figure>
  );
}
