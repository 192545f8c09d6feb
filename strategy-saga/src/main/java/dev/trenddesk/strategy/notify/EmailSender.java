package dev.trenddesk.strategy.notify;

import dev.trenddesk.api.platform.Branding;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * Sends one message as an e-mail over the platform's SMTP server ({@link MailServers}):
 * the title as subject, the text as plain text with a simple HTML alternative, from the brand's product name (the
 * sender's display name) and ending with its legal footer and support address when set. Without a host the channel
 * is unavailable. An error given back never holds the server's user name or password: the SMTP server's
 * reply code and text, or the kind of connection failure. A 5xx reply is final; anything else is retried.
 */
class EmailSender {

    private static final int MAX_ERROR = 300;

    /** An SMTP server; {@code host} empty: e-mail is not offered. */
    record Smtp(String host, int port, String username, String password, String from, boolean starttls) {

        boolean configured() {
            return host != null && !host.isBlank();
        }
    }

    private final Smtp smtp;
    private final JavaMailSenderImpl mail;

    EmailSender(Smtp smtp, Duration timeout) {
        this.smtp = smtp;
        if (!smtp.configured()) {
            this.mail = null;
            return;
        }
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost(smtp.host().trim());
        sender.setPort(smtp.port());
        sender.setDefaultEncoding(StandardCharsets.UTF_8.name());
        boolean auth = smtp.username() != null && !smtp.username().isBlank();
        if (auth) {
            sender.setUsername(smtp.username());
            sender.setPassword(smtp.password());
        }
        Properties props = sender.getJavaMailProperties();
        String millis = Long.toString(timeout.toMillis());
        props.put("mail.smtp.connectiontimeout", millis);
        props.put("mail.smtp.timeout", millis);
        props.put("mail.smtp.writetimeout", millis);
        props.put("mail.smtp.auth", Boolean.toString(auth));
        if (smtp.starttls()) {
            props.put("mail.smtp.starttls.enable", "true");
            props.put("mail.smtp.starttls.required", "true");
            props.put("mail.smtp.ssl.checkserveridentity", "true");
        }
        this.mail = sender;
    }

    Smtp smtp() {
        return smtp;
    }

    boolean available() {
        return mail != null;
    }

    SendResult send(NotificationStore.Claim claim, String to) {
        return send(claim, to, Branding.defaults());
    }

    SendResult send(NotificationStore.Claim claim, String to, Branding brand) {
        if (mail == null) {
            return SendResult.refused("e-mail is not available: no SMTP server is configured");
        }
        if (to == null || to.isBlank()) {
            return SendResult.refused("the account has no e-mail address");
        }
        try {
            MimeMessage message = mail.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(message, true, StandardCharsets.UTF_8.name());
            helper.setFrom(from(), brand.productName());
            helper.setTo(to);
            helper.setSubject(claim.title());
            helper.setText(plain(claim, brand), html(claim, brand));
            message.setHeader("X-TrendDesk-Delivery", claim.id());
            message.setHeader("X-TrendDesk-Event", claim.kind().name());
            mail.send(message);
            return SendResult.ok(250);
        } catch (MailAuthenticationException e) {
            return SendResult.failure("the SMTP server refused the platform's login");
        } catch (MailException | MessagingException | java.io.UnsupportedEncodingException e) {
            return classify(e);
        }
    }

    private String from() {
        if (smtp.from() != null && !smtp.from().isBlank()) {
            return smtp.from().trim();
        }
        return "trenddesk@" + smtp.host().trim();
    }

    static String plain(NotificationStore.Claim claim, Branding brand) {
        StringBuilder text = new StringBuilder(claim.title() + "\n\n" + claim.body() + "\n\n--\n" + brand.productName()
                + " notifications. Choose what you are sent on your profile page (Notifications).\n");
        if (brand.legalFooter() != null) {
            text.append("\n").append(brand.legalFooter()).append("\n");
        }
        if (brand.supportEmail() != null) {
            text.append("Support: ").append(brand.supportEmail()).append("\n");
        }
        return text.toString();
    }

    static String html(NotificationStore.Claim claim, Branding brand) {
        StringBuilder paragraphs = new StringBuilder();
        for (String line : claim.body().split("\n")) {
            paragraphs.append("<p>").append(escape(line)).append("</p>\n");
        }
        StringBuilder footer = new StringBuilder("<p style=\"color: #666; font-size: small\">"
                + escape(brand.productName())
                + " notifications. Choose what you are sent on your profile page (Notifications).</p>\n");
        if (brand.legalFooter() != null) {
            footer.append("<p style=\"color: #666; font-size: small\">")
                    .append(escape(brand.legalFooter()).replace("\n", "<br>"))
                    .append("</p>\n");
        }
        if (brand.supportEmail() != null) {
            footer.append("<p style=\"color: #666; font-size: small\">Support: <a href=\"mailto:")
                    .append(escape(brand.supportEmail()))
                    .append("\">")
                    .append(escape(brand.supportEmail()))
                    .append("</a></p>\n");
        }
        return "<!DOCTYPE html>\n<html><body style=\"font-family: sans-serif\">\n<h2>" + escape(claim.title())
                + "</h2>\n" + paragraphs + footer + "</body></html>\n";
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;")
                .replace("'", "&#39;");
    }

    /** An SMTP reply of 5xx is the server's answer for good; 4xx, a timeout or no connection is tried again. */
    private SendResult classify(Exception e) {
        for (Throwable t = e; t != null; t = next(t)) {
            int code = -1;
            if (t instanceof SMTPAddressFailedException f) {
                code = f.getReturnCode();
            } else if (t instanceof SMTPSendFailedException f) {
                code = f.getReturnCode();
            }
            if (code > 0) {
                String error = scrub("SMTP " + code + ": " + t.getMessage());
                return code >= 500 ? SendResult.refused(error) : SendResult.failure(error);
            }
            if (t instanceof SocketTimeoutException) {
                return SendResult.failure("the SMTP server timed out");
            }
            if (t instanceof ConnectException || t instanceof UnknownHostException) {
                return SendResult.failure("could not connect to the SMTP server");
            }
        }
        return SendResult.failure(scrub("sending failed: " + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : " " + e.getMessage())));
    }

    private static Throwable next(Throwable t) {
        if (t instanceof MessagingException m && m.getNextException() != null && m.getNextException() != t) {
            return m.getNextException();
        }
        if (t instanceof org.springframework.mail.MailSendException s && s.getMessageExceptions().length > 0) {
            return s.getMessageExceptions()[0];
        }
        return t.getCause() == t ? null : t.getCause();
    }

    /** No credential of the SMTP server in an error, one line, short. */
    String scrub(String text) {
        String clean = text;
        if (smtp.password() != null && !smtp.password().isEmpty()) {
            clean = clean.replace(smtp.password(), "****");
        }
        if (smtp.username() != null && !smtp.username().isBlank()) {
            clean = clean.replace(smtp.username(), "****");
        }
        clean = clean.replaceAll("[\\r\\n\\t]+", " ").strip();
        return clean.length() > MAX_ERROR ? clean.substring(0, MAX_ERROR) + "…" : clean;
    }
}
