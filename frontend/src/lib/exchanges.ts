/** An exchange's name for people, from the name credentials and sessions record ("BINGX" → "BingX"). */
const DISPLAY_NAMES: Record<string, string> = { BINGX: 'BingX' };

export function exchangeName(exchange: string | null | undefined): string {
  if (!exchange) return '—';
  return DISPLAY_NAMES[exchange] ?? exchange;
}
