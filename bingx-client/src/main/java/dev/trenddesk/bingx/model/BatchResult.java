package dev.trenddesk.bingx.model;

import java.util.List;

/**
 * The answer of a bulk action (cancel all, close all positions): the ids that succeeded and those
 * that failed (order ids or position ids, as strings).
 */
public record BatchResult(List<String> succeeded, List<String> failed) {

    public BatchResult {
        succeeded = List.copyOf(succeeded);
        failed = List.copyOf(failed);
    }
}
