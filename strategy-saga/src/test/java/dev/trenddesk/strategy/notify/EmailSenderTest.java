package dev.trenddesk.strategy.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import dev.trenddesk.api.notify.NotificationChannel;
import dev.trenddesk.api.notify.NotificationKind;
import dev.trenddesk.api.platform.Branding;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One message as an e-mail, to an embedded SMTP server (GreenMail): what arrives, and what a failure says. */
class EmailSenderTest {

    static final String PASSWORD = "smtp-password-never-shown";

    GreenMail smtp;
    int port;

    @BeforeEach
    void start() throws IOException {
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
    }

    @AfterEach
    void stop() {
        smtp.stop();
    }

    EmailSender sender(String host) {
        return new EmailSender(
                new EmailSender.Smtp(host, port, "", PASSWORD, "alerts@trenddesk.test", false), Duration.ofSeconds(3));
    }

    static NotificationStore.Claim claim(String title, String body) {
        return new NotificationStore.Claim(
                "email:event:" + UUID.randomUUID(),
                UUID.randomUUID(),
                NotificationChannel.EMAIL,
                NotificationKind.EXIT,
                title,
                body,
                "{}",
                0,
                Instant.now());
    }

    @Test
    void theTitleIsTheSubjectAndTheTextComesPlainAndAsHtml() throws Exception {
        NotificationStore.Claim claim = claim(
                "Position closed: LONG ETH-USDT, net P&L +49.02 USDT",
                "Closed LONG 0.5 ETH-USDT: entry 1950, exit 2050 <TAKE_PROFIT>.");
        SendResult result = sender("127.0.0.1").send(claim, "trader@example.test");
        assertThat(result.delivered()).as(String.valueOf(result)).isTrue();

        MimeMessage[] received = smtp.getReceivedMessages();
        assertThat(received).hasSize(1);
        MimeMessage mail = received[0];
        assertThat(mail.getSubject()).isEqualTo("Position closed: LONG ETH-USDT, net P&L +49.02 USDT");
        assertThat(mail.getAllRecipients()).extracting(Object::toString).containsExactly("trader@example.test");
        assertThat(mail.getFrom()).extracting(Object::toString).containsExactly("TrendDesk <alerts@trenddesk.test>");
        assertThat(mail.getHeader("X-TrendDesk-Delivery")).containsExactly(claim.id());
        assertThat(text(mail, "text/plain"))
                .contains("Position closed: LONG ETH-USDT, net P&L +49.02 USDT")
                .contains("Closed LONG 0.5 ETH-USDT: entry 1950, exit 2050 <TAKE_PROFIT>.");
        assertThat(text(mail, "text/html"))
                .contains("<h2>Position closed: LONG ETH-USDT, net P&amp;L +49.02 USDT</h2>")
                .contains("exit 2050 &lt;TAKE_PROFIT&gt;.");
        assertThat(GreenMailUtil.getWholeMessage(mail)).doesNotContain(PASSWORD);
    }

    @Test
    void theBrandNamesTheSenderAndEndsTheMailWithItsFooterAndSupportAddress() throws Exception {
        Branding brand = new Branding("Acme <Trading>", "#7fd1ae", "help@acme.example", "Acme Ltd.\nExampleland");
        SendResult result = sender("127.0.0.1").send(claim("Position closed", "Closed."), "trader@example.test", brand);
        assertThat(result.delivered()).as(String.valueOf(result)).isTrue();
        MimeMessage mail = smtp.getReceivedMessages()[0];
        InternetAddress from = (InternetAddress) mail.getFrom()[0];
        assertThat(from.getAddress()).isEqualTo("alerts@trenddesk.test");
        assertThat(from.getPersonal()).isEqualTo("Acme <Trading>");
        assertThat(text(mail, "text/plain").replace("\r\n", "\n"))
                .contains("Acme <Trading> notifications")
                .endsWith("Acme Ltd.\nExampleland\nSupport: help@acme.example\n");
        assertThat(text(mail, "text/html"))
                .contains("Acme &lt;Trading&gt; notifications")
                .contains("Acme Ltd.<br>Exampleland")
                .contains("Support: <a href=\"mailto:help@acme.example\">help@acme.example</a>")
                .doesNotContain("TrendDesk notifications");
    }

    @Test
    void noServerIsTriedAgainAndSaysSoWithoutCredentials() {
        smtp.stop();
        SendResult result = sender("127.0.0.1").send(claim("t", "b"), "trader@example.test");
        assertThat(result.delivered()).isFalse();
        assertThat(result.retryable()).isTrue();
        assertThat(result.error())
                .isEqualTo("could not connect to the SMTP server")
                .doesNotContain(PASSWORD);
    }

    @Test
    void withoutAHostOrAnAddressNothingIsSentAndNothingRetried() {
        EmailSender unconfigured = sender(" ");
        assertThat(unconfigured.available()).isFalse();
        SendResult none = unconfigured.send(claim("t", "b"), "trader@example.test");
        assertThat(none.retryable()).isFalse();
        assertThat(none.error()).isEqualTo("e-mail is not available: no SMTP server is configured");
        SendResult noAddress = sender("127.0.0.1").send(claim("t", "b"), null);
        assertThat(noAddress.retryable()).isFalse();
        assertThat(noAddress.error()).isEqualTo("the account has no e-mail address");
        assertThat(smtp.getReceivedMessages()).isEmpty();
    }

    @Test
    void errorsNeverCarryTheServersCredentials() {
        EmailSender sender = new EmailSender(
                new EmailSender.Smtp("127.0.0.1", port, "mailer-user", PASSWORD, "", true), Duration.ofSeconds(1));
        assertThat(sender.scrub("535 auth failed for mailer-user with " + PASSWORD + "\r\nbye"))
                .isEqualTo("535 auth failed for **** with **** bye");
    }

    /** The first part of the type, in a multipart message's tree. */
    private static String text(Part part, String type) throws Exception {
        if (part.isMimeType(type)) {
            return (String) part.getContent();
        }
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                String found = text(multipart.getBodyPart(i), type);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
