package dev.trenddesk.gateway.audit;

import dev.trenddesk.api.audit.AggregateHistory;
import dev.trenddesk.api.audit.AuditQueries.FindAggregateHistory;
import dev.trenddesk.api.audit.AuditQueries.ReplayUserStates;
import dev.trenddesk.api.audit.UserReplayStates;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.spring.stereotype.Aggregate;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.util.ClassUtils;

/**
 * Answers time travel and users' replays (started with the query role): every {@code @Aggregate} class of the command
 * side is known to {@link TimeTravel}, found on the class path, so a new aggregate needs no change here.
 */
@Component
class TimeTravelQueries {

    /** Where the aggregates live. */
    static final String AGGREGATES = "dev.trenddesk.command";

    private final TimeTravel timeTravel;
    private final UserReplay userReplay;

    public TimeTravelQueries(EventStore eventStore, JdbcTemplate jdbc) {
        this.timeTravel = new TimeTravel(eventStore, aggregateClasses());
        this.userReplay = new UserReplay(timeTravel, UserReplay.auditLog(jdbc));
    }

    @QueryHandler
    public AggregateHistory handle(FindAggregateHistory query) {
        return timeTravel.asOf(query.aggregateId(), query.at()).orElse(null);
    }

    /** A user's replay: the states along one page of the user's audit rows (docs/audit.md). */
    @QueryHandler
    public UserReplayStates handle(ReplayUserStates query) {
        return userReplay.states(query);
    }

    /** The classes annotated {@code @Aggregate} under {@link #AGGREGATES}. */
    static List<Class<?>> aggregateClasses() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(Aggregate.class));
        List<Class<?>> classes = new ArrayList<>();
        for (BeanDefinition candidate : scanner.findCandidateComponents(AGGREGATES)) {
            classes.add(ClassUtils.resolveClassName(
                    candidate.getBeanClassName(), TimeTravelQueries.class.getClassLoader()));
        }
        return classes;
    }
}
