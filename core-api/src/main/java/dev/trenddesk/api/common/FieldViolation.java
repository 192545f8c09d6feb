package dev.trenddesk.api.common;

/** One refused input value: the field it belongs to and why it was refused. */
public record FieldViolation(String field, String message) {}
