package dev.trenddesk.simulator;

/** How simulated market time moves relative to the wall clock. */
public enum ClockMode {
    /** Market time follows the wall clock one to one. */
    REALTIME,
    /** Market time runs {@link SimulatorConfig#speed()} times faster than the wall clock (demos). */
    ACCELERATED,
    /** Market time moves only when a test steps it, one 5-minute candle at a time. */
    STEPPED
}
