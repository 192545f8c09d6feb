package dev.trenddesk.gateway.system;

import java.util.List;

/**
 * What a node alone knows of an event processor it runs, written into its registry row as JSON: whether it
 * runs, is in error, and per segment it holds whether it replays, has caught up, and the type of the error that
 * stopped it (the type only; the message may carry data, the node's log has it).
 */
record LocalProcessor(String name, boolean running, boolean error, List<Segment> segments) {

    record Segment(int segment, boolean replaying, boolean caughtUp, String error) {}
}
