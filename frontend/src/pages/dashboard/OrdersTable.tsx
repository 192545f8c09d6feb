import type { Order } from '../../api/types';
import { Badge, Empty, Time } from '../../components/ui';
import { formatNumber } from '../../lib/format';

const STATUS_TONE: Record<string, string> = {
  FILLED: 'positive',
  PLACED: 'neutral',
  REQUESTED: 'neutral',
  REJECTED: 'negative',
};

/**
 * The bot's orders, newest first. A rejected order shows BingX's code and message, so a trader sees
 * why the exchange refused it (and why the bot backs off or paused itself).
 */
export function OrdersTable({ orders }: { orders: Order[] }) {
  if (orders.length === 0) return <Empty>No orders yet.</Empty>;
  const rejected = orders.filter((o) => o.status === 'REJECTED').length;
  return (
    <>
      {rejected > 0 && (
        <p className="hint" role="note">
          {rejected === 1 ? '1 order was' : `${rejected} orders were`} rejected by BingX.
        </p>
      )}
      <div className="table-wrap" tabIndex={0} role="region" aria-label="Orders">
        <table>
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">Symbol</th>
              <th scope="col">Intent</th>
              <th scope="col">Side</th>
              <th scope="col" className="num">
                Qty
              </th>
              <th scope="col">Status</th>
              <th scope="col" className="num">
                Fill price
              </th>
              <th scope="col">Exchange answer</th>
            </tr>
          </thead>
          <tbody>
            {orders.map((o) => (
              <tr key={o.clientOrderId} className={o.status === 'REJECTED' ? 'rejected' : undefined}>
                <td>
                  <Time value={o.updatedAt ?? o.requestedAt} />
                </td>
                <td>{o.symbol}</td>
                <td>{o.intent === 'OPEN' ? 'Open' : 'Close'}</td>
                <td>{o.direction ? <Badge value={o.direction} /> : '—'}</td>
                <td className="num">{formatNumber(o.quantity, 4)}</td>
                <td>
                  <span className={`badge ${STATUS_TONE[o.status] ?? 'neutral'}`}>{o.status}</span>
                </td>
                <td className="num">{formatNumber(o.fillPrice)}</td>
                <td>{answer(o)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** BingX's code and message for a rejection; the exchange order id otherwise. */
function answer(o: Order): string {
  if (o.status === 'REJECTED') {
    const code = o.rejectCode ? `code ${o.rejectCode}` : 'no code';
    return o.rejectMessage ? `${code}: ${o.rejectMessage}` : code;
  }
  return o.exchangeOrderId ? `order ${o.exchangeOrderId}` : '—';
}
