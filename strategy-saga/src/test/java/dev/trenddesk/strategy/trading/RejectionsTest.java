package dev.trenddesk.strategy.trading;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RejectionsTest {

    @Test
    void classifiesBingxRejectionsByCodeAndMessage() {
        assertThat(Rejections.classify(80014, "BingX refused the order as invalid (code 80014: No position to close)"))
                .isEqualTo(Rejections.Kind.NOTHING_TO_CLOSE);
        assertThat(Rejections.classify(101205, "no position")).isEqualTo(Rejections.Kind.NOTHING_TO_CLOSE);
        assertThat(Rejections.classify(101204, "not enough margin (code 101204: Insufficient margin)"))
                .isEqualTo(Rejections.Kind.MARGIN);
        assertThat(Rejections.classify(80014, "BingX refused the order as invalid (code 80014: quantity precision)"))
                .isEqualTo(Rejections.Kind.PARAMETER);
        assertThat(Rejections.classify(109400, "bad symbol")).isEqualTo(Rejections.Kind.PARAMETER);
        assertThat(Rejections.classify(100413, "BingX refused the API key")).isEqualTo(Rejections.Kind.CREDENTIALS);
        assertThat(Rejections.classify(0, "no verified BingX credentials")).isEqualTo(Rejections.Kind.CREDENTIALS);
        assertThat(Rejections.classify(0, "the order was CANCELED at BingX")).isEqualTo(Rejections.Kind.OTHER);
    }

    @Test
    void backOffDoublesPerRejectionInARow() {
        assertThat(Rejections.backoffCandles(1)).isEqualTo(1);
        assertThat(Rejections.backoffCandles(2)).isEqualTo(2);
        assertThat(Rejections.backoffCandles(3)).isEqualTo(4);
    }
}
