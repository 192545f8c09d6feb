package dev.trenddesk.bingx.model;

/** Isolated or cross margin for a symbol. */
public enum MarginType {
    ISOLATED,
    CROSSED
}
