import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterEach, vi } from 'vitest';

// lightweight-charts draws on canvas, which jsdom lacks; the chart component is tested through its data.
vi.mock('lightweight-charts', () => {
  const series = () => ({ setData: vi.fn() });
  return {
    CandlestickSeries: 'Candlestick',
    LineSeries: 'Line',
    ColorType: { Solid: 'solid' },
    createChart: () => ({
      addSeries: vi.fn(series),
      panes: () => [{ setHeight: vi.fn() }, { setHeight: vi.fn() }, { setHeight: vi.fn() }],
      remove: vi.fn(),
    }),
    createSeriesMarkers: () => ({ setMarkers: vi.fn() }),
  };
});

// jsdom does not scroll
window.scrollTo = () => undefined;

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  document.cookie = 'XSRF-TOKEN=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/';
  window.history.replaceState(null, '', '/');
});
