package dev.trenddesk.gateway.market;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trenddesk.gateway.TrendDeskApplication;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar trenddesk.jar backtest ...}: {@link TrendDeskApplication#main} runs the backtest command in a
 * process of its own (as the jar does), without starting Spring, and exits with the command's code.
 */
class BacktestCommandTest {

    @TempDir
    Path dir;

    private record Run(int exitCode, String out, String err) {}

    private Run main(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-cp",
                System.getProperty("java.class.path"),
                TrendDeskApplication.class.getName()));
        command.addAll(List.of(args));
        Path out = dir.resolve("stdout.txt");
        Path err = dir.resolve("stderr.txt");
        Process process = new ProcessBuilder(command)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS))
                .as("the command ends")
                .isTrue();
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    private Path ethFile() throws IOException {
        Path file = dir.resolve("ETH-USD-PT5M-2023-3-13_2023-3-15.json");
        try (InputStream in = getClass()
                .getClassLoader()
                .getResourceAsStream(file.getFileName().toString())) {
            Files.writeString(file, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        return file;
    }

    @Test
    void backtestOnTheEthFileWritesTheThreeOutputsWithoutStartingTheApplication() throws Exception {
        Path out = dir.resolve("eth");
        Run run = main("backtest", "--candles", ethFile().toString(), "--symbol", "ETH-USDT", "--out", out.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("580 candles read").contains("trades.csv: 9 trade lines");
        assertThat(run.out() + run.err())
                .as("Spring did not start")
                .doesNotContain("TrendDeskApplication")
                .doesNotContain("Embedded PostgreSQL")
                .doesNotContain("Started ");
        assertThat(out.resolve("candles.csv")).isRegularFile();
        assertThat(Files.readAllLines(out.resolve("candles.csv"))).hasSize(581);
        assertThat(out.resolve("trades.csv")).isRegularFile();
        assertThat(Files.readAllLines(out.resolve("trades.csv"))).hasSize(10);
        assertThat(out.resolve("summary.txt")).isRegularFile();
        assertThat(out.resolve("summary.json")).isRegularFile();
    }

    @Test
    void badArgumentsExitWithTwoAndTheUsage() throws Exception {
        Run run = main("backtest", "--candles", dir.resolve("missing.json").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("does not exist").contains("usage: backtest");
    }
}
