package dev.trenddesk.strategy.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    @Test
    void isHmacSha256OfTheBodyInLowerCaseHex() {
        // RFC 4231, test case 2
        byte[] body = "what do ya want for nothing?".getBytes(StandardCharsets.UTF_8);
        assertThat(WebhookSignature.sign("Jefe", body))
                .isEqualTo("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    @Test
    void aReceiverVerifiesTheExactBytesUnderTheSameSecretOnly() {
        byte[] body = "{\"kind\":\"ENTRY\",\"timestamp\":1700000000}".getBytes(StandardCharsets.UTF_8);
        String signature = WebhookSignature.sign("a-secret-of-twenty-chars", body);
        assertThat(WebhookSignature.verify("a-secret-of-twenty-chars", body, signature))
                .isTrue();
        assertThat(WebhookSignature.verify("another-secret-of-twenty", body, signature))
                .isFalse();
        byte[] changed = "{\"kind\":\"ENTRY\",\"timestamp\":1700000001}".getBytes(StandardCharsets.UTF_8);
        assertThat(WebhookSignature.verify("a-secret-of-twenty-chars", changed, signature))
                .isFalse();
        assertThat(WebhookSignature.verify("a-secret-of-twenty-chars", body, null))
                .isFalse();
    }

    @Test
    void errorsNeverCarryTheSecret() {
        String token = "123456:ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef";
        assertThat(Senders.scrub("POST /bot" + token + "/sendMessage failed\nagain", token))
                .isEqualTo("POST /bot****/sendMessage failed again");
        assertThat(Senders.scrub("x".repeat(1000), token)).hasSize(301);
    }
}
