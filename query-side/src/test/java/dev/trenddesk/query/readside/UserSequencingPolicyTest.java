package dev.trenddesk.query.readside;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trenddesk.api.alert.AlertRaised;
import dev.trenddesk.api.common.UserId;
import java.time.Instant;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.Test;

class UserSequencingPolicyTest {

    private final UserSequencingPolicy policy = new UserSequencingPolicy();

    private static AlertRaised alert(UserId user) {
        return new AlertRaised("a-" + System.nanoTime(), user, AlertRaised.Severity.INFO, "K", "m", Instant.now());
    }

    @Test
    void oneUsersEventsShareASequenceAndOtherUsersDoNot() {
        UserId a = UserId.random();
        Object first = policy.getSequenceIdentifierFor(GenericEventMessage.asEventMessage(alert(a)));
        Object second = policy.getSequenceIdentifierFor(GenericEventMessage.asEventMessage(alert(a)));
        Object other = policy.getSequenceIdentifierFor(GenericEventMessage.asEventMessage(alert(UserId.random())));
        assertThat(first).isEqualTo(second).isEqualTo("user:" + a);
        assertThat(other).isNotEqualTo(first);
    }

    @Test
    void withoutAUserTheAggregateOrTheEventItselfIsTheSequence() {
        record Market(String symbol) {}
        assertThat(policy.getSequenceIdentifierFor(
                        new GenericDomainEventMessage<>("Thing", "thing-1", 0, new Market("ETH-USDT"))))
                .isEqualTo("aggregate:thing-1");
        var event = GenericEventMessage.asEventMessage(new Market("ETH-USDT"));
        assertThat(policy.getSequenceIdentifierFor(event)).isEqualTo("event:" + event.getIdentifier());
    }
}
