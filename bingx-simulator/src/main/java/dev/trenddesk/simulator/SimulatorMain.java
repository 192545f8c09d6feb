package dev.trenddesk.simulator;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the simulator alone:
 * {@code java -jar bingx-simulator.jar --port 8090 [--host 0.0.0.0] [--speed N] [--stepped] [--no-rate-limits]
 * [--data DIR] [--intervals 5m,15m,...] [--fill-delay MS] [--filled-answer]}. {@code --speed N} (N > 1)
 * selects the ACCELERATED clock, {@code --stepped} the STEPPED clock; {@code --data DIR} keeps the state in DIR
 * across restarts (without it, memory only); {@code --intervals} serves only those kline intervals (default
 * all, 1m..1d); the place-order answer is an acknowledgement and a MARKET order fills {@code --fill-delay MS}
 * (default 5) later, or, with {@code --filled-answer}, the answer is the order already filled (the
 * simulator's former behaviour).
 */
public final class SimulatorMain {

    private SimulatorMain() {}

    public static void main(String[] args) throws InterruptedException {
        BingxSimulator simulator = BingxSimulator.start(parse(args));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            simulator.close();
                            stopped.countDown();
                        },
                        "bingx-simulator-shutdown"));
        stopped.await();
    }

    /** Reads the command line into a configuration; throws IllegalArgumentException on bad input. */
    static SimulatorConfig parse(String[] args) {
        SimulatorConfig.Builder builder = SimulatorConfig.builder().port(8090);
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> builder.port(Integer.parseInt(value(args, ++i, "--port")));
                case "--host" -> builder.host(value(args, ++i, "--host"));
                case "--speed" -> {
                    int speed = Integer.parseInt(value(args, ++i, "--speed"));
                    builder.speed(speed).clockMode(speed > 1 ? ClockMode.ACCELERATED : ClockMode.REALTIME);
                }
                case "--stepped" -> builder.clockMode(ClockMode.STEPPED);
                case "--no-rate-limits" -> builder.rateLimitsEnabled(false);
                case "--data" -> builder.dataDirectory(Path.of(value(args, ++i, "--data")));
                case "--intervals" ->
                    builder.intervals(value(args, ++i, "--intervals").split(","));
                case "--fill-delay" ->
                    builder.fillDelay(Duration.ofMillis(Long.parseLong(value(args, ++i, "--fill-delay"))));
                case "--filled-answer" -> builder.placeAnswer(PlaceAnswer.FILLED);
                default ->
                    throw new IllegalArgumentException("unknown option " + args[i]
                            + "; usage: --port N [--host H] [--speed N] [--stepped] [--no-rate-limits] [--data DIR]"
                            + " [--intervals 5m,15m,...] [--fill-delay MS] [--filled-answer]");
            }
        }
        return builder.build();
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }
}
