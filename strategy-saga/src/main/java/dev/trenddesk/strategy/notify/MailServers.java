package dev.trenddesk.strategy.notify;

import dev.trenddesk.api.common.DomainRejection;
import dev.trenddesk.api.common.RejectionCode;
import dev.trenddesk.api.notify.MailServerView;
import dev.trenddesk.api.notify.MailTestResult;
import dev.trenddesk.api.notify.NotificationCommands.SendTestMail;
import dev.trenddesk.api.notify.NotificationKind;
import dev.trenddesk.api.notify.NotificationQueries.FindMailServer;
import dev.trenddesk.api.notify.NotificationSecrets;
import dev.trenddesk.api.platform.Branding;
import dev.trenddesk.api.platform.MailServer;
import dev.trenddesk.vault.KeyVault;
import dev.trenddesk.vault.KeyVaultException;
import java.time.Duration;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The SMTP server e-mail goes through: the one an admin set on the platform's settings (MailServerChanged, its
 * password decrypted from the platform's own data key) or else the operator's {@code trenddesk.notifications.smtp.*}
 * properties, or none. Read at every e-mail, so a change counts from the next one on every node; the sender is
 * built again only when the server changed.
 */
@Component
class MailServers {

    private final NotificationStore store;
    private final KeyVault vault;
    private final AccountAddresses addresses;
    private final Duration timeout;
    private final EmailSender.Smtp operator;
    private EmailSender cached;

    MailServers(
            NotificationStore store,
            KeyVault vault,
            AccountAddresses addresses,
            @Value("${trenddesk.notifications.timeout:10s}") Duration timeout,
            @Value("${trenddesk.notifications.smtp.host:}") String host,
            @Value("${trenddesk.notifications.smtp.port:587}") int port,
            @Value("${trenddesk.notifications.smtp.username:}") String username,
            @Value("${trenddesk.notifications.smtp.password:}") String password,
            @Value("${trenddesk.notifications.smtp.from:}") String from,
            @Value("${trenddesk.notifications.smtp.starttls:true}") boolean starttls) {
        this.store = store;
        this.vault = vault;
        this.addresses = addresses;
        this.timeout = timeout;
        this.operator = new EmailSender.Smtp(host, port, username, password, from, starttls);
    }

    /** The sender for the server in use now (unavailable when there is none). */
    EmailSender sender() {
        EmailSender.Smtp smtp = current();
        synchronized (this) {
            if (cached == null || !cached.smtp().equals(smtp)) {
                cached = new EmailSender(smtp, timeout);
            }
            return cached;
        }
    }

    /** The admin's server, else the operator's; KeyVaultException when the admin's password cannot be decrypted. */
    private EmailSender.Smtp current() {
        NotificationStore.AdminMailServer admin = store.mailServer();
        MailServer server = admin.server();
        if (server == null) {
            return operator;
        }
        String password = admin.passwordCiphertext() == null
                ? ""
                : vault.decryptText(
                        NotificationSecrets.PLATFORM, NotificationSecrets.SMTP_PASSWORD, admin.passwordCiphertext());
        return new EmailSender.Smtp(
                server.host(),
                server.port(),
                server.username() == null ? "" : server.username(),
                password,
                server.from() == null ? "" : server.from(),
                server.starttls());
    }

    @QueryHandler
    MailServerView handle(FindMailServer query) {
        NotificationStore.AdminMailServer admin = store.mailServer();
        if (admin.server() != null) {
            return new MailServerView(
                    MailServerView.Source.SETTINGS,
                    admin.server(),
                    admin.passwordCiphertext() != null,
                    admin.updatedAt());
        }
        if (!operator.configured()) {
            return new MailServerView(MailServerView.Source.NONE, null, false, admin.updatedAt());
        }
        return new MailServerView(
                MailServerView.Source.PROPERTIES,
                new MailServer(
                        operator.host().strip(),
                        operator.port(),
                        operator.username() == null || operator.username().isBlank() ? null : operator.username(),
                        operator.from() == null || operator.from().isBlank()
                                ? null
                                : operator.from().strip(),
                        operator.starttls()),
                operator.password() != null && !operator.password().isEmpty(),
                admin.updatedAt());
    }

    /** One test e-mail at once to the address given (the gateway reads the admin's own). */
    @CommandHandler
    MailTestResult handle(SendTestMail command) {
        String to = addresses.of(command.to().value());
        if (to == null || to.isBlank()) {
            throw new DomainRejection(
                    RejectionCode.NOTIFICATION_CHANNEL_NOT_CONFIGURED,
                    "your account has no e-mail address to send the test to: set one on your profile first");
        }
        EmailSender sender;
        try {
            sender = sender();
        } catch (KeyVaultException e) {
            return new MailTestResult(false, to, "the SMTP password cannot be decrypted");
        }
        if (!sender.available()) {
            throw new DomainRejection(
                    RejectionCode.NOTIFICATION_CHANNEL_NOT_CONFIGURED, "no SMTP server is set up on this platform");
        }
        Branding brand = store.branding();
        NotificationStore.Claim claim = new NotificationStore.Claim(
                "mail-test:" + UUID.randomUUID(),
                command.to().value(),
                dev.trenddesk.api.notify.NotificationChannel.EMAIL,
                NotificationKind.TEST,
                "Test e-mail from " + brand.productName(),
                "This is a test of the platform's SMTP server settings, sent at " + command.at() + ".",
                "{\"test\":true}",
                0,
                command.at());
        SendResult result = sender.send(claim, to, brand);
        return new MailTestResult(result.delivered(), to, result.delivered() ? null : result.error());
    }
}
