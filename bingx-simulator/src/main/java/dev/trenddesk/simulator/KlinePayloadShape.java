package dev.trenddesk.simulator;

/**
 * Shape of the {@code data} member of a kline push. BingX sends it sometimes as an array holding one
 * candle, sometimes as the candle object itself; clients must accept both.
 */
public enum KlinePayloadShape {
    /** {@code "data":[{...}]} on every push. */
    ARRAY,
    /** {@code "data":{...}} on every push. */
    OBJECT,
    /** Array and object in turn on each connection and channel, so a client meets both shapes. */
    ALTERNATE
}
