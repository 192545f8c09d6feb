package dev.trenddesk.strategy.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trenddesk.api.notify.NotificationChannel;
import dev.trenddesk.api.notify.NotificationKind;
import dev.trenddesk.api.notify.NotificationSecrets;
import dev.trenddesk.vault.KeyVault;
import dev.trenddesk.vault.KeyVaultException;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sends what the outbox holds (saga role, every node): claims due deliveries, sends each on a small
 * pool of its own threads (never a processor's or a command's), and records the outcome. A 2xx is
 * DELIVERED; a 5xx, 408, 429, timeout or connection error is tried again after {@link Backoff} until
 * its attempts are used up (then FAILED); any other 4xx is FAILED at once. A delivery whose channel was
 * removed or switched off is CANCELLED (a test message goes out on a switched-off channel).
 */
@Component
class NotificationDispatcher implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(NotificationDispatcher.class);

    private final NotificationStore store;
    private final KeyVault vault;
    private final Senders senders;
    private final MailServers mail;
    private final AccountAddresses addresses;
    private final Backoff backoff;
    private final Clock clock;
    private final Duration lease;
    private final int batch;
    private final ExecutorService pool;

    NotificationDispatcher(
            NotificationStore store,
            KeyVault vault,
            MailServers mail,
            AccountAddresses addresses,
            Clock clock,
            @Value("${trenddesk.notifications.telegram-base-url:https://api.telegram.org}") String telegramBaseUrl,
            @Value("${trenddesk.notifications.timeout:10s}") Duration timeout,
            @Value("${trenddesk.notifications.retry.initial-delay:10s}") Duration initialDelay,
            @Value("${trenddesk.notifications.retry.max-delay:30m}") Duration maxDelay,
            @Value("${trenddesk.notifications.retry.max-attempts:8}") int maxAttempts,
            @Value("${trenddesk.notifications.senders:4}") int senders,
            @Value("${trenddesk.notifications.allow-http-loopback:false}") boolean allowLoopback) {
        this.store = store;
        this.vault = vault;
        this.mail = mail;
        this.addresses = addresses;
        this.clock = clock;
        this.senders = new Senders(
                new ObjectMapper(), timeout, telegramBaseUrl, clock, allowLoopback, InetAddress::getAllByName);
        this.backoff = new Backoff(initialDelay, maxDelay, maxAttempts);
        // a claim outlives the slowest attempt: connect and answer timeouts, and some slack
        this.lease = timeout.multipliedBy(3).plusSeconds(30);
        this.batch = Math.max(1, senders) * 4;
        this.pool = Executors.newFixedThreadPool(Math.max(1, senders), runnable -> {
            Thread thread = new Thread(runnable, "notification-sender");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** One round (the scheduler's entry point); never throws. */
    @Scheduled(
            fixedDelayString = "${trenddesk.notifications.poll-interval:1s}",
            initialDelayString = "${trenddesk.notifications.poll-interval:1s}")
    public void tick() {
        try {
            while (sendDue() == batch) {
                // a full batch: more may be due
            }
        } catch (RuntimeException e) {
            log.warn("Notification delivery round failed: {}", e.toString());
        }
    }

    /** Claims and sends the due deliveries; how many were claimed. */
    int sendDue() {
        List<NotificationStore.Claim> due = store.claimDue(clock.instant(), lease, batch);
        List<Future<?>> running = new ArrayList<>();
        for (NotificationStore.Claim claim : due) {
            running.add(pool.submit(() -> attempt(claim)));
        }
        for (Future<?> future : running) {
            try {
                future.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return due.size();
            } catch (ExecutionException e) {
                log.warn("Notification delivery failed: {}", e.getCause().toString());
            }
        }
        return due.size();
    }

    private void attempt(NotificationStore.Claim claim) {
        Optional<NotificationStore.Channel> channel = store.channel(claim.userId(), claim.channel());
        Instant now = clock.instant();
        if (channel.isEmpty()) {
            store.cancel(claim, "the channel was removed", now);
            return;
        }
        if (!channel.get().enabled() && claim.kind() != NotificationKind.TEST) {
            store.cancel(claim, "the channel is switched off", now);
            return;
        }
        if (claim.channel() == NotificationChannel.EMAIL) {
            SendResult result;
            try {
                result = mail.sender().send(claim, addresses.of(claim.userId()), store.branding());
            } catch (IllegalStateException e) {
                result = SendResult.failure("could not read the account's e-mail address");
            } catch (KeyVaultException e) {
                result = SendResult.failure("the SMTP password cannot be decrypted");
            }
            record(claim, result);
            return;
        }
        String secret;
        try {
            secret = vault.decryptText(
                    claim.userId(),
                    claim.channel() == NotificationChannel.WEBHOOK
                            ? NotificationSecrets.WEBHOOK_SECRET
                            : NotificationSecrets.TELEGRAM_TOKEN,
                    channel.get().secretCiphertext());
        } catch (KeyVaultException e) {
            store.record(claim, NotificationStore.FAILED, null, "the channel's secret cannot be read", now, null);
            return;
        }
        record(
                claim,
                claim.channel() == NotificationChannel.WEBHOOK
                        ? senders.webhook(claim, channel.get().target(), secret)
                        : senders.telegram(claim, channel.get().target(), secret));
    }

    private void record(NotificationStore.Claim claim, SendResult result) {
        Instant done = clock.instant();
        if (result.delivered()) {
            store.record(claim, NotificationStore.DELIVERED, result.statusCode(), null, done, null);
            return;
        }
        Duration wait = result.retryable() ? backoff.after(claim.attempts() + 1) : null;
        if (wait == null) {
            store.record(claim, NotificationStore.FAILED, result.statusCode(), result.error(), done, null);
            log.info(
                    "Notification {} to {} failed for good after {} attempts: {}",
                    claim.id(),
                    claim.channel(),
                    claim.attempts() + 1,
                    result.error());
        } else {
            store.record(claim, NotificationStore.RETRYING, result.statusCode(), result.error(), done, done.plus(wait));
        }
    }

    @Override
    public void destroy() {
        pool.shutdownNow();
        senders.close();
    }
}
