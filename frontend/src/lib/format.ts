// Numbers and times as people read them: money with currency and sign, times in the browser's zone
// with the UTC time offered on hover.

export type Numeric = string | number | null | undefined;

export function toNumber(value: Numeric): number | null {
  if (value === null || value === undefined || value === '') return null;
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? n : null;
}

const moneyFormats = new Map<string, Intl.NumberFormat>();

function moneyFormat(currency: string, digits: number): Intl.NumberFormat {
  const key = `${currency}:${digits}`;
  let format = moneyFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
    moneyFormats.set(key, format);
  }
  return format;
}

/** "1,234.50 USDT"; with signed=true "+12.30 USDT" / "−4.00 USDT" (a true minus sign). */
export function formatMoney(
  value: Numeric,
  options: { currency?: string; signed?: boolean; digits?: number } = {},
): string {
  const n = toNumber(value);
  if (n === null) return '—';
  const currency = options.currency ?? 'USDT';
  const digits = options.digits ?? 2;
  const abs = moneyFormat(currency, digits).format(Math.abs(n));
  const rounded = Number(n.toFixed(digits));
  const sign = rounded < 0 ? '−' : options.signed && rounded > 0 ? '+' : '';
  return `${sign}${abs} ${currency}`;
}

/** A plain number with a fixed number of decimals, e.g. a price or an indicator. */
export function formatNumber(value: Numeric, digits = 2): string {
  const n = toNumber(value);
  if (n === null) return '—';
  const text = new Intl.NumberFormat('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(
    Math.abs(n),
  );
  return Number(n.toFixed(digits)) < 0 ? `−${text}` : text;
}

export function formatPercent(value: Numeric, digits = 1, signed = false): string {
  const n = toNumber(value);
  if (n === null) return '—';
  const sign = n < 0 ? '−' : signed && n > 0 ? '+' : '';
  return `${sign}${Math.abs(n).toFixed(digits)} %`;
}

/** "positive" | "negative" | "neutral", for colouring P&L. */
export function tone(value: Numeric): 'positive' | 'negative' | 'neutral' {
  const n = toNumber(value);
  if (n === null || n === 0) return 'neutral';
  return n > 0 ? 'positive' : 'negative';
}

/** Local date and time in the browser's time zone (or the zone given, for tests). */
export function formatLocalTime(iso: string | null | undefined, timeZone?: string): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '—';
  return new Intl.DateTimeFormat('en-GB', {
    year: 'numeric',
    month: 'short',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
    timeZone,
  }).format(date);
}

/**
 * A chart's time-axis label for a bar time (seconds since the epoch) in the browser's time zone (or the zone
 * given), at the chart's tick kind: 0 year, 1 month, 2 day of month, 3 time, 4 time with seconds
 * (lightweight-charts' TickMarkType), so the axis tells the same time as every table.
 */
export function formatChartTick(seconds: number, tickKind: number, timeZone?: string): string {
  const options: Intl.DateTimeFormatOptions =
    tickKind === 0
      ? { year: 'numeric' }
      : tickKind === 1
        ? { month: 'short', year: 'numeric' }
        : tickKind === 2
          ? { day: '2-digit', month: 'short' }
          : tickKind === 3
            ? { hour: '2-digit', minute: '2-digit', hour12: false }
            : { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false };
  return new Intl.DateTimeFormat('en-GB', { ...options, timeZone }).format(new Date(seconds * 1000));
}

/** The same moment in UTC, ISO-like: "2026-11-28 20:15:03 UTC". */
export function formatUtc(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return `${date.toISOString().replace('T', ' ').substring(0, 19)} UTC`;
}

/** The time between two moments in words: "3m 20s", "2h 5m", "4d 1h". */
export function formatDuration(fromIso: string | null | undefined, to: Date = new Date()): string {
  if (!fromIso) return '—';
  return formatSeconds((to.getTime() - new Date(fromIso).getTime()) / 1000);
}

/** A number of seconds in words, as {@link formatDuration}; "—" when unknown. */
export function formatSeconds(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  const seconds = Math.max(0, Math.floor(value));
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m ${seconds % 60}s`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours}h ${minutes % 60}m`;
  return `${Math.floor(hours / 24)}d ${hours % 24}h`;
}

/** A reason the server wrote for people, its long decimals cut to two places ("ADX 16.80845251" → "ADX 16.81"). */
export function readableReason(text: string): string {
  return text.replace(/-?\d+\.\d{3,}/g, (n) => formatNumber(Number(n), 2));
}

/** A code or name as words: "NO_TREND" → "No trend", "risk_per-trade" → "Risk per trade". */
export function readableCode(code: string): string {
  const words = code.replace(/[_-]+/g, ' ').trim().toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
