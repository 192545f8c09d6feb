package dev.trenddesk.bingx.model;

/** A symbol's leverage for each side, and the maximum allowed (0 when the exchange did not say). */
public record Leverage(String symbol, int longLeverage, int shortLeverage, int maxLongLeverage, int maxShortLeverage) {}
