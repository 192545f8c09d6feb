package dev.trenddesk.api.trading;

/** The state of a trader's bot. */
public enum SessionStatus {
    /** Opens and manages positions. */
    RUNNING,
    /** Opens no new position; open positions are still managed (exits, stops, fills). */
    PAUSED,
    /** Does nothing any more; positions were left or flattened as the stop said. */
    STOPPED;

    /** RUNNING or PAUSED: the session still owns the trader's account. */
    public boolean active() {
        return this != STOPPED;
    }
}
