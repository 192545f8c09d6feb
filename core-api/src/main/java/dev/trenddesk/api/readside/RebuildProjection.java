package dev.trenddesk.api.readside;

/**
 * Rebuild one projection from zero: its tables are cleared by its reset handler and every event is
 * processed again. Only projections can be rebuilt (never a saga or a side-effect processor).
 * Answers the {@link ProcessorStatus} right after the reset.
 */
public record RebuildProjection(String processorName) {}
