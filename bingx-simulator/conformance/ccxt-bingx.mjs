// Conformance of the BingX simulator with a client nobody here wrote: the npm ccxt package's `bingx`
// exchange (REST and its `pro` WebSocket part), pointed at a running simulator.
//
//   node ccxt-bingx.mjs <baseUrl> <wsUrl> <apiKey> <secret>
//
// baseUrl: http://127.0.0.1:PORT (the simulator's REST root), wsUrl: ws://127.0.0.1:PORT/swap-market.
// The account must exist (HEDGE mode, 10000 USDT, READ+TRADE) and the market clock must be running
// (ACCELERATED), so that prices move and streams push. Writes one JSON report to stdout:
//   {"ccxtVersion": "...", "calls": [{"name", "ok", "error", "detail"}]}
// and progress to stderr. Every call has a name that the known-differences file can list. Exit code 0
// whenever the report was written; judging it is the caller's job.
import ccxt from 'ccxt';
import { readFileSync } from 'node:fs';

const [baseUrl, wsUrl, apiKey, secret] = process.argv.slice(2);
if (!baseUrl || !wsUrl || !apiKey || !secret) {
  console.error('usage: node ccxt-bingx.mjs <baseUrl> <wsUrl> <apiKey> <secret>');
  process.exit(2);
}

const SYMBOL = 'ETH/USDT:USDT';
const CALL_TIMEOUT_MS = 20_000;
const calls = [];
const foreignUrls = [];

const log = (...args) => console.error('[ccxt-bingx]', ...args);

// ---------------------------------------------------------------------------------------------
// the exchange, pointed at the simulator and nowhere else

function simulatorExchange(key, sec) {
  const ex = new ccxt.pro.bingx({
    apiKey: key,
    secret: sec,
    enableRateLimit: true,
    timeout: 10_000,
    options: {
      defaultType: 'swap',
      fetchCurrencies: false,          // the currency list is a wallet endpoint the simulator does not serve
      adjustForTimeDifference: false,
      fetchMarkets: { types: ['swap'] },
      watchBalance: { fetchBalanceSnapshot: true, awaitBalanceSnapshot: false },
    },
  });
  // sandbox mode: ccxt's bingx then loads only the linear swap markets (no spot, no inverse
  // contracts) and skips the wallet's currency list
  ex.setSandboxMode(true);
  const rest = baseUrl.replace(/\/$/, '') + '/openApi';
  const api = {};
  for (const section of Object.keys(ex.urls.api)) {
    if (section !== 'ws') api[section] = rest;
  }
  api.ws = { linear: wsUrl };
  ex.urls.api = api;
  // every HTTP request and every WebSocket must go to the simulator: anything else is recorded and refused
  const originalFetch = ex.fetch.bind(ex);
  ex.fetch = async (url, method, headers, body) => {
    if (!url.startsWith(baseUrl)) {
      foreignUrls.push(url);
      throw new ccxt.NetworkError('refused a request outside the simulator: ' + url);
    }
    return originalFetch(url, method, headers, body);
  };
  const originalClient = ex.client.bind(ex);
  ex.client = (url) => {
    if (url !== 'authenticationFlights' && !url.startsWith(wsUrl)) {
      foreignUrls.push(url);
      throw new ccxt.NetworkError('refused a WebSocket outside the simulator: ' + url);
    }
    return originalClient(url);
  };
  return ex;
}

// ---------------------------------------------------------------------------------------------
// helpers

function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function check(condition, message) {
  if (!condition) throw new Error('check failed: ' + message);
}

function describeError(e) {
  const name = e?.constructor?.name ?? 'Error';
  const message = String(e?.message ?? e).replace(/\s+/g, ' ').slice(0, 400);
  return `${name}: ${message}`;
}

/** Runs one named call; its result (or error) goes into the report. Never throws. */
async function call(name, fn, timeoutMs = CALL_TIMEOUT_MS) {
  const started = Date.now();
  try {
    const detail = await withTimeout(Promise.resolve().then(fn), timeoutMs, name);
    calls.push({ name, ok: true, error: null, detail: detail === undefined ? null : String(detail) });
    log('ok  ', name, `(${Date.now() - started} ms)`, detail ?? '');
    return true;
  } catch (e) {
    calls.push({ name, ok: false, error: describeError(e), detail: null });
    log('FAIL', name, `(${Date.now() - started} ms)`, describeError(e));
    return false;
  }
}

/** Polls fn until it returns a truthy value (or the deadline passes); fills and pushes come a few ms later. */
async function eventually(what, fn, timeoutMs = 10_000, everyMs = 200) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      const value = await fn();
      if (value) return value;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) {
      throw new Error(`not seen within ${timeoutMs} ms: ${what}` + (last ? ` (last error: ${describeError(last)})` : ''));
    }
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

const uid = () => Math.random().toString(36).slice(2, 10);
const cid = (label) => `ccxt-${label}-${uid()}`;

process.on('unhandledRejection', (e) => log('unhandled rejection:', describeError(e)));

// ---------------------------------------------------------------------------------------------
// the calls

const ex = simulatorExchange(apiKey, secret);
let price;         // a recent ETH price
let amount = 0.05; // ETH
const tickMs = { '1m': 60_000, '5m': 300_000, '15m': 900_000, '1h': 3_600_000, '4h': 14_400_000, '1d': 86_400_000 };

async function lastPrice() {
  try {
    const t = await ex.fetchTicker(SYMBOL);
    if (t.last > 0) return t.last;
  } catch (e) {
    // the ticker may not be served: the live candle's close is the price too
  }
  const rows = await ex.fetchOHLCV(SYMBOL, '5m', undefined, 2);
  return rows[rows.length - 1][4];
}

async function orderStatus(id, wanted) {
  return eventually(`order ${id} ${wanted}`, async () => {
    const o = await ex.fetchOrder(id, SYMBOL);
    return o.status === wanted ? o : null;
  });
}

async function positionsOf(symbol) {
  const all = await ex.fetchPositions([symbol]);
  return all.filter((p) => p.symbol === symbol && Number(p.contracts) > 0);
}

async function flat() {
  await eventually('no ETH position', async () => (await positionsOf(SYMBOL)).length === 0);
}

/** Cancels every open order and closes every position through the simulator's own BingX endpoints. */
async function cleanUp() {
  try {
    await ex.cancelAllOrders(SYMBOL);
    await ex.closeAllPositions();
    await flat();
  } catch (e) {
    log('clean-up:', describeError(e));
  }
}

async function run() {
  await ex.loadHttpProxyAgent(); // ccxt's WebSocket client needs it before its first plain ws:// connection

  // --- markets -------------------------------------------------------------------------------
  const marketsLoaded = await call('loadMarkets', async () => {
    const markets = await ex.loadMarkets();
    const eth = markets[SYMBOL];
    check(eth, `${SYMBOL} is listed`);
    check(markets['BTC/USDT:USDT'], 'BTC/USDT:USDT is listed');
    check(eth.swap && eth.linear && eth.settle === 'USDT', 'ETH market is a linear USDT swap');
    check(eth.precision.price > 0 && eth.precision.amount > 0, 'precision parsed');
    check(!Object.values(markets).some((m) => m.spot), 'no spot market was loaded');
    return `${Object.keys(markets).length} markets; ETH precision price ${eth.precision.price} amount ${eth.precision.amount}`;
  });
  if (!marketsLoaded) return; // nothing else can run without markets

  await call('fetchTime', async () => {
    const t = await ex.fetchTime();
    check(Math.abs(t - Date.now()) < 60_000, `server time ${t} is the wall clock`);
    return t;
  });

  await call('fetchTicker', async () => {
    const t = await ex.fetchTicker(SYMBOL);
    check(t.symbol === SYMBOL, 'symbol');
    check(t.last > 0, `last ${t.last} > 0`);
    check(t.high >= t.low, 'high >= low');
    return `last ${t.last} high ${t.high} low ${t.low} volume ${t.baseVolume}`;
  });

  for (const tf of Object.keys(tickMs)) {
    await call(`fetchOHLCV ${tf}`, async () => {
      const rows = await ex.fetchOHLCV(SYMBOL, tf, undefined, 10);
      check(rows.length > 1, `${rows.length} rows`);
      for (let i = 1; i < rows.length; i++) {
        check(rows[i][0] - rows[i - 1][0] === tickMs[tf], `rows ${tf} apart (${rows[i - 1][0]} → ${rows[i][0]})`);
      }
      for (const [ts, o, h, l, c] of rows) {
        check(ts % Math.min(tickMs[tf], 3_600_000) === 0, `open time ${ts} on a ${tf} boundary`);
        check(h >= Math.max(o, c) && l <= Math.min(o, c), `OHLC consistent at ${ts}`);
      }
      return `${rows.length} rows, last close ${rows[rows.length - 1][4]}`;
    });
  }

  await call('fetchOrderBook', async () => {
    const book = await ex.fetchOrderBook(SYMBOL, 5);
    check(book.bids.length > 0 && book.asks.length > 0, 'bids and asks');
    check(book.bids[0][0] < book.asks[0][0], 'best bid below best ask');
    return `bid ${book.bids[0][0]} ask ${book.asks[0][0]}`;
  });

  await call('fetchTrades', async () => {
    const trades = await ex.fetchTrades(SYMBOL, undefined, 10);
    check(trades.length > 0, 'some trades');
    check(trades.every((t) => t.price > 0 && t.amount > 0), 'price and amount');
    return `${trades.length} trades, last ${trades[trades.length - 1].price}`;
  });

  await call('fetchFundingRate', async () => {
    const f = await ex.fetchFundingRate(SYMBOL);
    check(typeof f.fundingRate === 'number', `fundingRate ${f.fundingRate}`);
    check(f.markPrice > 0, `markPrice ${f.markPrice}`);
    check(f.fundingTimestamp > Date.now() - 60_000 || f.nextFundingTimestamp > 0, 'next funding time');
    return `rate ${f.fundingRate} mark ${f.markPrice}`;
  });

  price = await lastPrice();
  log('price', price);

  // --- account settings ------------------------------------------------------------------------
  await call('fetchBalance', async () => {
    const b = await ex.fetchBalance();
    check(b.USDT, 'USDT balance');
    check(Math.abs(b.USDT.total - 10000) < 1e-6, `total ${b.USDT.total} is the account's 10000`);
    check(b.USDT.free > 0, `free ${b.USDT.free}`);
    return `USDT total ${b.USDT.total} free ${b.USDT.free} used ${b.USDT.used}`;
  });

  await call('fetchPositionMode', async () => {
    const m = await ex.fetchPositionMode(SYMBOL);
    check(m.hedged === true, 'the account starts in hedge mode');
    return `hedged ${m.hedged}`;
  });

  await call('setPositionMode one-way', async () => {
    await ex.setPositionMode(false);
    const m = await ex.fetchPositionMode(SYMBOL);
    check(m.hedged === false, 'now one-way');
    return 'hedged false';
  });

  await call('setMarginMode isolated', async () => {
    await ex.setMarginMode('isolated', SYMBOL);
    const m = await ex.fetchMarginMode(SYMBOL);
    check(m.marginMode === 'isolated', `fetchMarginMode says ${m.marginMode}`);
    return m.marginMode;
  });

  await call('setMarginMode cross', async () => {
    await ex.setMarginMode('cross', SYMBOL);
    const m = await ex.fetchMarginMode(SYMBOL);
    check(m.marginMode === 'cross', `fetchMarginMode says ${m.marginMode}`);
    return m.marginMode;
  });

  await call('setLeverage', async () => {
    await ex.setLeverage(10, SYMBOL, { side: 'BOTH' });
    const l = await ex.fetchLeverage(SYMBOL);
    check(l.longLeverage === 10 || l.leverage === 10 || l.shortLeverage === 10, `fetchLeverage says ${JSON.stringify(l.info)}`);
    return `long ${l.longLeverage} short ${l.shortLeverage}`;
  });

  // --- orders (one-way mode) -------------------------------------------------------------------
  let marketOrder;
  const marketCid = cid('mkt');
  await call('createOrder market clientOrderId', async () => {
    marketOrder = await ex.createOrder(SYMBOL, 'market', 'buy', amount, undefined, { clientOrderId: marketCid });
    check(marketOrder.id, 'order id');
    check(marketOrder.clientOrderId === marketCid, `clientOrderId echoed (${marketOrder.clientOrderId})`);
    return `id ${marketOrder.id} status ${marketOrder.status}`;
  });

  if (marketOrder) {
    await call('fetchOrder by id', async () => {
      const o = await orderStatus(marketOrder.id, 'closed');
      check(o.filled === amount, `filled ${o.filled}`);
      check(o.average > 0, `average ${o.average}`);
      check(o.clientOrderId === marketCid, `clientOrderId ${o.clientOrderId}`);
      return `closed, filled ${o.filled} at ${o.average}`;
    });
  }

  await call('fetchOrder by clientOrderId', async () => {
    const o = await ex.fetchOrder(undefined, SYMBOL, { clientOrderId: marketCid });
    check(marketOrder && o.id === marketOrder.id, `same order (${o.id})`);
    check(o.clientOrderId === marketCid, `clientOrderId ${o.clientOrderId}`);
    return `id ${o.id} status ${o.status}`;
  });

  const limitPrice = ex.priceToPrecision(SYMBOL, price * 0.8);
  let limitOrder;
  const limitCid = cid('lmt');
  await call('createOrder limit clientOrderId', async () => {
    limitOrder = await ex.createOrder(SYMBOL, 'limit', 'buy', amount, Number(limitPrice), { clientOrderId: limitCid });
    check(limitOrder.id, 'order id');
    check(limitOrder.clientOrderId === limitCid, `clientOrderId echoed (${limitOrder.clientOrderId})`);
    return `id ${limitOrder.id} at ${limitPrice}`;
  });

  await call('fetchOpenOrders', async () => {
    const open = await ex.fetchOpenOrders(SYMBOL);
    const o = open.find((x) => limitOrder && x.id === limitOrder.id);
    check(o, 'the resting limit is open');
    check(o.status === 'open' && o.type === 'limit' && o.side === 'buy', `${o.status} ${o.type} ${o.side}`);
    check(o.price === Number(limitPrice), `price ${o.price}`);
    return `${open.length} open`;
  });

  await call('cancelOrder by id', async () => {
    check(limitOrder, 'a limit order to cancel');
    await ex.cancelOrder(limitOrder.id, SYMBOL);
    const o = await orderStatus(limitOrder.id, 'canceled');
    return `status ${o.status}`;
  });

  await call('cancelOrder by clientOrderId', async () => {
    const id = cid('cnl');
    const placed = await ex.createOrder(SYMBOL, 'limit', 'buy', amount, Number(limitPrice), { clientOrderId: id });
    await ex.cancelOrder(undefined, SYMBOL, { clientOrderId: id });
    const o = await orderStatus(placed.id, 'canceled');
    return `status ${o.status}`;
  });

  await call('duplicate clientOrderId refused', async () => {
    try {
      await ex.createOrder(SYMBOL, 'limit', 'buy', amount, Number(limitPrice), { clientOrderId: limitCid });
    } catch (e) {
      check(e instanceof ccxt.ExchangeError, `an exchange error (${describeError(e)})`);
      check(/109201/.test(e.message), `BingX's 109201 (${e.message})`);
      return describeError(e);
    }
    throw new Error('a second order with a used clientOrderId was accepted');
  });

  await call('fetchClosedOrders', async () => {
    const closed = await ex.fetchClosedOrders(SYMBOL);
    check(marketOrder && closed.some((o) => o.id === marketOrder.id && o.status === 'closed'), 'the market order is closed');
    return `${closed.length} closed`;
  });

  await call('fetchCanceledOrders', async () => {
    const canceled = await ex.fetchCanceledOrders(SYMBOL);
    check(limitOrder && canceled.some((o) => o.id === limitOrder.id), 'the cancelled limit is listed');
    return `${canceled.length} canceled`;
  });

  await call('fetchMyTrades', async () => {
    // fills carry the exchange's one clock, here the accelerated market's, ahead of this machine's; ccxt ends
    // its window at its own clock's now unless given `until` (against BingX the two clocks agree)
    const clock = await (await fetch(baseUrl + '/sim/clock')).json();
    const trades = await ex.fetchMyTrades(SYMBOL, undefined, undefined, { until: clock.marketTime + 60_000 });
    const t = trades.find((x) => marketOrder && x.order === marketOrder.id);
    check(t, 'a trade of the market order');
    check(t.amount === amount && t.price > 0, `amount ${t.amount} price ${t.price}`);
    check(t.fee && t.fee.cost > 0, `fee ${JSON.stringify(t.fee)}`);
    return `${trades.length} trades; fee ${t.fee.cost} ${t.fee.currency}`;
  });

  await call('fetchPositions', async () => {
    const ps = await positionsOf(SYMBOL);
    check(ps.length === 1, `one ETH position (${ps.length})`);
    const p = ps[0];
    check(p.side === 'long' && p.contracts === amount, `${p.side} ${p.contracts}`);
    check(p.entryPrice > 0, `entry ${p.entryPrice}`);
    return `${p.side} ${p.contracts} at ${p.entryPrice}, leverage ${p.leverage}`;
  });

  await call('fetchPosition', async () => {
    const p = await ex.fetchPosition(SYMBOL);
    check(p && p.contracts === amount, `contracts ${p?.contracts}`);
    return `${p.side} ${p.contracts}`;
  });

  await call('createOrder stopLossPrice (reduce-only STOP_MARKET)', async () => {
    const o = await ex.createOrder(SYMBOL, 'market', 'sell', amount, undefined,
      { stopLossPrice: Number(ex.priceToPrecision(SYMBOL, price * 0.7)) });
    const open = await ex.fetchOpenOrders(SYMBOL);
    const seen = open.find((x) => x.id === o.id);
    check(seen, 'the stop is open');
    check(seen.info.type === 'STOP_MARKET' && seen.side === 'sell', `${seen.info.type} ${seen.side}`);
    check(seen.stopLossPrice === Number(ex.priceToPrecision(SYMBOL, price * 0.7)), `stop at ${seen.stopLossPrice}`);
    await ex.cancelOrder(o.id, SYMBOL);
    return `${seen.info.type} at ${seen.stopLossPrice}`;
  });

  await call('createOrder takeProfitPrice (reduce-only TAKE_PROFIT_MARKET)', async () => {
    const o = await ex.createOrder(SYMBOL, 'market', 'sell', amount, undefined,
      { takeProfitPrice: Number(ex.priceToPrecision(SYMBOL, price * 1.3)) });
    const open = await ex.fetchOpenOrders(SYMBOL);
    const seen = open.find((x) => x.id === o.id);
    check(seen, 'the take-profit is open');
    check(seen.info.type === 'TAKE_PROFIT_MARKET' && seen.side === 'sell', `${seen.info.type} ${seen.side}`);
    check(seen.takeProfitPrice === Number(ex.priceToPrecision(SYMBOL, price * 1.3)), `take-profit at ${seen.takeProfitPrice}`);
    await ex.cancelOrder(o.id, SYMBOL);
    return `${seen.info.type} at ${seen.takeProfitPrice}`;
  });

  await call('closePosition', async () => {
    await ex.closePosition(SYMBOL);
    await flat();
    return 'flat';
  });

  await call('createOrder with attached stopLoss and takeProfit', async () => {
    const sl = Number(ex.priceToPrecision(SYMBOL, price * 0.7));
    const tp = Number(ex.priceToPrecision(SYMBOL, price * 1.3));
    const o = await ex.createOrder(SYMBOL, 'market', 'buy', amount, undefined,
      { clientOrderId: cid('sltp'), stopLoss: { triggerPrice: sl }, takeProfit: { triggerPrice: tp } });
    await orderStatus(o.id, 'closed');
    // ccxt reads a STOP_MARKET's stopPrice as stopLossPrice and a TAKE_PROFIT_MARKET's as takeProfitPrice
    const exits = await eventually('the attached stop-loss and take-profit are open', async () => {
      const open = await ex.fetchOpenOrders(SYMBOL);
      const stop = open.find((x) => x.info.type === 'STOP_MARKET');
      const take = open.find((x) => x.info.type === 'TAKE_PROFIT_MARKET');
      return stop && take ? { stop, take } : null;
    });
    check(exits.stop.side === 'sell' && exits.take.side === 'sell', 'both exits sell');
    check(exits.stop.stopLossPrice === sl, `stop at ${exits.stop.stopLossPrice} = ${sl}`);
    check(exits.take.takeProfitPrice === tp, `take-profit at ${exits.take.takeProfitPrice} = ${tp}`);
    check(exits.stop.amount === amount && exits.take.amount === amount, `exits for the entry's ${amount}`);
    await ex.closePosition(SYMBOL);
    await flat();
    await eventually('the exits are gone with the position', async () =>
      (await ex.fetchOpenOrders(SYMBOL)).every((x) => x.id !== exits.stop.id && x.id !== exits.take.id));
    return `stop ${exits.stop.stopLossPrice} take-profit ${exits.take.takeProfitPrice}`;
  });

  await call('createOrder trigger market (TRIGGER_MARKET)', async () => {
    const trigger = Number(ex.priceToPrecision(SYMBOL, price * 1.3));
    const o = await ex.createOrder(SYMBOL, 'market', 'buy', amount, undefined, { triggerPrice: trigger });
    const seen = (await ex.fetchOpenOrders(SYMBOL)).find((x) => x.id === o.id);
    check(seen, 'the trigger order is open');
    check(seen.triggerPrice === trigger, `trigger ${seen.triggerPrice}`);
    return `${seen.info.type} at ${seen.triggerPrice}`;
  });

  await call('createOrder trigger limit (TRIGGER_LIMIT)', async () => {
    const trigger = Number(ex.priceToPrecision(SYMBOL, price * 1.3));
    const limit = Number(ex.priceToPrecision(SYMBOL, price * 1.31));
    const o = await ex.createOrder(SYMBOL, 'limit', 'buy', amount, limit, { triggerPrice: trigger });
    const seen = (await ex.fetchOpenOrders(SYMBOL)).find((x) => x.id === o.id);
    check(seen, 'the trigger order is open');
    check(seen.triggerPrice === trigger && seen.price === limit, `trigger ${seen.triggerPrice} price ${seen.price}`);
    return `${seen.info.type} at ${seen.triggerPrice} / ${seen.price}`;
  });

  await call('cancelAllOrders', async () => {
    await ex.createOrder(SYMBOL, 'limit', 'buy', amount, Number(limitPrice));
    await ex.cancelAllOrders(SYMBOL);
    const open = await ex.fetchOpenOrders(SYMBOL);
    check(open.length === 0, `${open.length} still open`);
    return 'none open';
  });

  await call('cancelAllOrdersAfter', async () => {
    await ex.cancelAllOrdersAfter(60_000); // ACTIVATE, timeOut 60 s
    await ex.cancelAllOrdersAfter(0);      // CLOSE
    return 'activated and closed';
  });

  await call('fetchFundingHistory', async () => {
    const lines = await ex.fetchFundingHistory(SYMBOL);
    check(Array.isArray(lines), 'a list');
    check(lines.every((l) => l.symbol === SYMBOL && typeof l.amount === 'number'), 'funding lines of ETH');
    return `${lines.length} funding line(s)`;
  });

  // --- hedge mode ------------------------------------------------------------------------------
  // whatever a failed call above left behind is removed first (not a call of its own)
  await cleanUp();
  await call('setPositionMode hedged', async () => {
    await ex.setPositionMode(true);
    const m = await ex.fetchPositionMode(SYMBOL);
    check(m.hedged === true, 'now hedged');
    return 'hedged true';
  });

  await call('setLeverage hedged (LONG and SHORT)', async () => {
    await ex.setLeverage(7, SYMBOL, { side: 'LONG' });
    await ex.setLeverage(8, SYMBOL, { side: 'SHORT' });
    const l = await ex.fetchLeverage(SYMBOL);
    check(l.longLeverage === 7 && l.shortLeverage === 8, `long ${l.longLeverage} short ${l.shortLeverage}`);
    return `long ${l.longLeverage} short ${l.shortLeverage}`;
  });

  await call('createOrder hedged long and short', async () => {
    const long = await ex.createOrder(SYMBOL, 'market', 'buy', amount, undefined, { hedged: true, clientOrderId: cid('hl') });
    const short = await ex.createOrder(SYMBOL, 'market', 'sell', amount, undefined, { hedged: true, clientOrderId: cid('hs') });
    await orderStatus(long.id, 'closed');
    await orderStatus(short.id, 'closed');
    const ps = await eventually('a long and a short', async () => {
      const p = await positionsOf(SYMBOL);
      return p.length === 2 ? p : null;
    });
    check(ps.some((p) => p.side === 'long') && ps.some((p) => p.side === 'short'), 'both sides');
    return ps.map((p) => `${p.side} ${p.contracts}`).join(', ');
  });

  await call('createOrder hedged reduceOnly close', async () => {
    const o = await ex.createOrder(SYMBOL, 'market', 'sell', amount, undefined, { hedged: true, reduceOnly: true });
    await orderStatus(o.id, 'closed');
    const ps = await eventually('only the short is left', async () => {
      const p = await positionsOf(SYMBOL);
      return p.length === 1 ? p : null;
    });
    check(ps[0].side === 'short', `left: ${ps[0].side}`);
    return `left ${ps[0].side} ${ps[0].contracts}`;
  });

  await call('closeAllPositions', async () => {
    await ex.closeAllPositions();
    await flat();
    return 'flat';
  });

  // --- authentication --------------------------------------------------------------------------
  await call('wrong secret → AuthenticationError', async () => {
    const wrong = simulatorExchange(apiKey, secret + 'x');
    wrong.markets = ex.markets;
    wrong.markets_by_id = ex.markets_by_id;
    wrong.symbols = ex.symbols;
    try {
      await wrong.fetchPositions();
    } catch (e) {
      check(e instanceof ccxt.AuthenticationError, `AuthenticationError, not ${describeError(e)}`);
      return describeError(e);
    } finally {
      await wrong.close();
    }
    throw new Error('a wrong secret was accepted');
  });

  await call('unknown api key → AuthenticationError', async () => {
    const wrong = simulatorExchange(apiKey + 'unknown', secret);
    wrong.markets = ex.markets;
    wrong.markets_by_id = ex.markets_by_id;
    wrong.symbols = ex.symbols;
    try {
      await wrong.fetchPositions();
    } catch (e) {
      check(e instanceof ccxt.AuthenticationError, `AuthenticationError, not ${describeError(e)}`);
      return describeError(e);
    } finally {
      await wrong.close();
    }
    throw new Error('an unknown key was accepted');
  });

  // --- errors as ccxt classifies them ------------------------------------------------------------
  const expectError = async (errorClass, code, fn) => {
    try {
      await fn();
    } catch (e) {
      check(e instanceof errorClass, `${errorClass.name}, not ${describeError(e)}`);
      if (code) check(e.message.includes(`"code":${code}`), `BingX code ${code} in ${e.message}`);
      return describeError(e);
    }
    throw new Error(`no error; ${errorClass.name} expected`);
  };
  const admin = async (method, path, body) => {
    const response = await fetch(baseUrl + path, {
      method, headers: { 'Content-Type': 'application/json' }, body: body ? JSON.stringify(body) : undefined,
    });
    check(response.ok, `admin ${method} ${path}: HTTP ${response.status}`);
  };

  await call('insufficient margin → InsufficientFunds', () => expectError(ccxt.InsufficientFunds, 101204,
    () => ex.createOrder(SYMBOL, 'market', 'buy', 100, undefined, { hedged: true })));

  await call('cancelOrder unknown id → OrderNotFound', () => expectError(ccxt.OrderNotFound, 80016,
    () => ex.cancelOrder('1234567890123', SYMBOL)));

  await call('fetchOrder unknown id → OrderNotFound', () => expectError(ccxt.OrderNotFound, 80016,
    () => ex.fetchOrder('1234567890123', SYMBOL)));

  await call('HTTP 429 → DDoSProtection', async () => {
    await admin('POST', '/sim/faults', { type: 'HTTP_429', count: 1, path: '/openApi/swap/v2/user/positions' });
    try {
      return await expectError(ccxt.DDoSProtection, null, () => ex.fetchPositions([SYMBOL]));
    } finally {
      await admin('DELETE', '/sim/faults');
    }
  });

  await call('timestamp outside recvWindow → InvalidNonce', async () => {
    // the server clock 60 s ahead: every signed request is older than recvWindow (BingX: 100421)
    await admin('POST', '/sim/faults', { type: 'CLOCK_SKEW', millis: 60_000 });
    try {
      return await expectError(ccxt.InvalidNonce, 100421, () => ex.fetchPositions([SYMBOL]));
    } finally {
      await admin('DELETE', '/sim/faults');
    }
  });

  // --- WebSocket: market streams -----------------------------------------------------------------
  // BingX's kline push has `data` as an array or as an object (the simulator alternates); ccxt reads
  // only the array form for linear swaps and resolves the object form with no candle: wait for one
  const watchCandles = async (tf) => {
    let empty = 0;
    let rows = [];
    const deadline = Date.now() + 15_000;
    while (rows.length === 0) {
      rows = await withTimeout(ex.watchOHLCV(SYMBOL, tf), Math.max(deadline - Date.now(), 1), `a ${tf} candle pushed`);
      if (rows.length === 0) empty++;
    }
    const [ts, o, h, l, c] = rows[rows.length - 1];
    check(ts % Math.min(tickMs[tf], 3_600_000) === 0, `open time ${ts} on a ${tf} boundary`);
    check(h >= Math.max(o, c) && l <= Math.min(o, c), `candle ${rows[rows.length - 1]}`);
    return `candle ${ts} close ${c}; ${empty} push(es) in object form read as no candle`;
  };
  await call('watchOHLCV 5m', () => watchCandles('5m'));
  await call('watchOHLCV 1m', () => watchCandles('1m'));
  await call('watchOHLCV 1h', () => watchCandles('1h'));

  await call('watchTicker', async () => {
    const t = await ex.watchTicker(SYMBOL);
    check(t.symbol === SYMBOL && t.last > 0, `last ${t.last}`);
    return `last ${t.last}`;
  });

  await call('watchTrades', async () => {
    const trades = await ex.watchTrades(SYMBOL);
    check(trades.length > 0 && trades.every((t) => t.price > 0 && t.amount > 0), 'trades with price and amount');
    return `${trades.length} trades, last ${trades[trades.length - 1].price}`;
  });

  await call('watchOrderBook', async () => {
    const book = await ex.watchOrderBook(SYMBOL);
    check(book.bids.length > 0 && book.asks.length > 0, 'bids and asks');
    check(book.bids[0][0] < book.asks[0][0], 'best bid below best ask');
    return `bid ${book.bids[0][0]} ask ${book.asks[0][0]}`;
  });

  // --- WebSocket: user data (listen key) ---------------------------------------------------------
  // Each watcher is awaited until it shows the effect of its own market order (a buy adding to one
  // long position), placed once the user-data connection is open.
  const userStream = async () => {
    await eventually('the user-data WebSocket is open', async () =>
      Object.values(ex.clients).some((c) => c.url.includes('listenKey=') && c.isConnected), 10_000);
  };
  const placeBuy = async (label) => {
    const { hedged } = await ex.fetchPositionMode(SYMBOL);
    const clientOrderId = cid(label);
    const order = await ex.createOrder(SYMBOL, 'market', 'buy', amount, undefined, { hedged, clientOrderId });
    return { id: order.id, clientOrderId };
  };
  const watchUntil = async (what, label, watch, predicate) => {
    const deadline = Date.now() + 15_000;
    const first = watch();
    first.catch(() => {}); // awaited below; an early failure must not end the process
    await userStream();
    const placed = await placeBuy(label);
    let pending = first;
    for (;;) {
      const value = await withTimeout(pending, Math.max(deadline - Date.now(), 1), what);
      if (predicate(value, placed)) return { value, placed };
      pending = watch();
    }
  };

  await call('watchOrders', async () => {
    const { value, placed } = await watchUntil('an update of the placed order', 'wso', () => ex.watchOrders(SYMBOL),
      (os, p) => os.some((o) => o.id === p.id && o.status === 'closed'));
    const o = value.filter((x) => x.id === placed.id).pop();
    check(o.filled === amount && o.average > 0, `filled ${o.filled} at ${o.average}`);
    check(o.clientOrderId === placed.clientOrderId, `clientOrderId ${o.clientOrderId}`);
    return `order ${o.id} ${o.status} filled ${o.filled} at ${o.average}`;
  });

  await call('watchMyTrades', async () => {
    const { value, placed } = await watchUntil('a trade of the placed order', 'wst', () => ex.watchMyTrades(SYMBOL),
      (ts, p) => ts.some((t) => t.order === p.id));
    const t = value.filter((x) => x.order === placed.id).pop();
    check(t.price > 0 && t.amount === amount, `price ${t.price} amount ${t.amount}`);
    return `trade ${t.amount} at ${t.price}`;
  });

  await call('watchBalance', async () => {
    // a snapshot read over REST has the REST answer as info; a pushed ACCOUNT_UPDATE has its `B` list
    const { value } = await watchUntil('a USDT balance pushed after the fill', 'wsb', () => ex.watchBalance(),
      (b) => b && Array.isArray(b.info) && b.USDT && b.USDT.free > 0);
    return `USDT free ${value.USDT.free} (wallet balance)`;
  });

  await call('watchPositions', async () => {
    const { value } = await watchUntil('the long position', 'wsp', () => ex.watchPositions([SYMBOL]),
      (list) => list.some((p) => p.symbol === SYMBOL && p.side === 'long' && p.contracts > 0));
    const p = value.filter((x) => x.symbol === SYMBOL && x.side === 'long').pop();
    return `${p.side} ${p.contracts} at ${p.entryPrice}`;
  });

  await call('closeAllPositions after the streams', async () => {
    await ex.closeAllPositions();
    await flat();
    return 'flat';
  });
}

try {
  await run();
} catch (e) {
  calls.push({ name: 'harness', ok: false, error: describeError(e), detail: null });
}
calls.push({
  name: 'no request outside the simulator',
  ok: foreignUrls.length === 0,
  error: foreignUrls.length === 0 ? null : 'ccxt tried: ' + [...new Set(foreignUrls)].join(', '),
  detail: null,
});
try {
  await withTimeout(ex.close(), 5_000, 'close');
} catch (e) {
  log('close:', describeError(e));
}
// the installed package's version (ccxt.version, compiled into the package, can lag it by one)
const ccxtVersion = JSON.parse(readFileSync(new URL('./node_modules/ccxt/package.json', import.meta.url), 'utf8')).version;
process.stdout.write(JSON.stringify({ ccxtVersion, calls }, null, 1) + '\n');
process.exit(0);
