package dev.trenddesk.command.plan;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.trenddesk.api.common.DomainRejection;
import dev.trenddesk.api.common.FieldViolation;
import dev.trenddesk.api.common.InvalidInputException;
import dev.trenddesk.api.common.RejectionCode;
import dev.trenddesk.api.plan.PlanCommands;
import dev.trenddesk.api.plan.PlanCommands.ChangePlan;
import dev.trenddesk.api.plan.PlanCommands.CreatePlan;
import dev.trenddesk.api.plan.PlanCommands.MakeDefaultPlan;
import dev.trenddesk.api.plan.PlanCommands.RetirePlan;
import dev.trenddesk.api.plan.PlanCommands.ShipPlan;
import dev.trenddesk.api.plan.PlanEvent.DefaultPlanChosen;
import dev.trenddesk.api.plan.PlanEvent.PlanChanged;
import dev.trenddesk.api.plan.PlanEvent.PlanCreated;
import dev.trenddesk.api.plan.PlanEvent.PlanRetired;
import dev.trenddesk.api.plan.PlanLimits;
import dev.trenddesk.command.AggregateView;
import dev.trenddesk.command.platform.PlatformHalt;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A plan admins edit: name, monthly price (USD) and limits (docs/plans.md). Every create, change, retirement and
 * choice of the default is an event with who (metadata) and why. {@link PlanStore} mirrors it in the same transaction
 * for Subscription and TradingSession.
 */
@Aggregate
public class Plan implements AggregateView {

    /** A plan's identifier: lowercase letters, digits and '-'. */
    public static final Pattern ID = Pattern.compile("^[a-z0-9][a-z0-9-]{1,63}$");

    public static final BigDecimal MAX_PRICE = new BigDecimal("100000");

    @AggregateIdentifier
    private String planId;

    private String name;
    private BigDecimal monthlyPrice;
    private PlanLimits limits;
    private boolean retired;

    /** What time travel shows. */
    public record View(String name, BigDecimal monthlyPrice, PlanLimits limits, boolean retired) {}

    protected Plan() {
        // for Axon
    }

    @CommandHandler
    public Plan(CreatePlan command, PlanStore store) {
        String why = reason(command.reason());
        Valid valid = validate(command.planId(), command.name(), command.monthlyPrice(), command.limits(), store);
        store.plan(command.planId(), valid.name, valid.price, command.limits(), false);
        apply(new PlanCreated(
                command.planId(),
                valid.name,
                valid.price,
                PlanCommands.CURRENCY,
                command.limits(),
                false,
                why,
                command.at()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(ShipPlan command, PlanStore store) {
        if (name != null) {
            return; // shipped before (or on another node a moment ago): left as admins made it
        }
        Valid valid = validate(command.planId(), command.name(), command.monthlyPrice(), command.limits(), store);
        store.plan(command.planId(), valid.name, valid.price, command.limits(), false);
        apply(new PlanCreated(
                command.planId(),
                valid.name,
                valid.price,
                PlanCommands.CURRENCY,
                command.limits(),
                true,
                null,
                command.at()));
        if (command.initialDefault()) {
            store.makeDefault(command.planId());
            apply(new DefaultPlanChosen(command.planId(), null, null, command.at()));
        }
    }

    @CommandHandler
    public void handle(ChangePlan command, PlanStore store) {
        String why = reason(command.reason());
        requireNotRetired();
        Valid valid = validate(planId, command.name(), command.monthlyPrice(), command.limits(), store);
        if ((valid.price.signum() > 0) != (monthlyPrice.signum() > 0)) {
            // whether a price is owed is fixed for the traders on it (their subscriptions and payments): a free plan
            // stays free and a paid one paid; another kind is another plan
            throw new InvalidInputException(
                    "monthlyPrice",
                    monthlyPrice.signum() > 0
                            ? "cannot become 0: a paid plan stays paid (create a free plan and move the traders)"
                            : "cannot become more than 0: a free plan stays free (create a paid plan and move the"
                                    + " traders)");
        }
        if (valid.name.equals(name)
                && valid.price.compareTo(monthlyPrice) == 0
                && command.limits().equals(limits)) {
            return;
        }
        store.plan(planId, valid.name, valid.price, command.limits(), false);
        apply(new PlanChanged(
                planId, name, valid.name, monthlyPrice, valid.price, limits, command.limits(), why, command.at()));
    }

    @CommandHandler
    public void handle(RetirePlan command, PlanStore store) {
        String why = reason(command.reason());
        if (retired) {
            return;
        }
        if (store.defaultPlanId().filter(planId::equals).isPresent()) {
            throw new DomainRejection(
                    RejectionCode.PLAN_DEFAULT_RETIRE,
                    name + " is the default plan: make another plan the default first");
        }
        store.plan(planId, name, monthlyPrice, limits, true);
        apply(new PlanRetired(planId, name, why, command.at()));
    }

    @CommandHandler
    public void handle(MakeDefaultPlan command, PlanStore store) {
        String why = reason(command.reason());
        requireNotRetired();
        String previous = store.defaultPlanId().orElse(null);
        if (planId.equals(previous)) {
            return;
        }
        store.makeDefault(planId);
        apply(new DefaultPlanChosen(planId, previous, why, command.at()));
    }

    private void requireNotRetired() {
        if (retired) {
            throw new DomainRejection(RejectionCode.PLAN_RETIRED, name + " is retired");
        }
    }

    private record Valid(String name, BigDecimal price) {}

    private static Valid validate(String planId, String name, BigDecimal price, PlanLimits limits, PlanStore store) {
        List<FieldViolation> out = new ArrayList<>();
        if (planId == null || !ID.matcher(planId).matches()) {
            out.add(new FieldViolation("planId", "must be 2 to 64 lowercase letters, digits or '-'"));
        }
        String n = name == null ? "" : name.strip();
        if (n.isEmpty() || n.length() > 40) {
            out.add(new FieldViolation("name", "must be 1 to 40 characters"));
        } else if (n.chars().anyMatch(Character::isISOControl)) {
            out.add(new FieldViolation("name", "must be plain text"));
        }
        if (price == null || price.signum() < 0 || price.compareTo(MAX_PRICE) > 0) {
            out.add(new FieldViolation("monthlyPrice", "must be between 0 and " + MAX_PRICE.toPlainString() + " USD"));
        } else if (price.stripTrailingZeros().scale() > 2) {
            out.add(new FieldViolation("monthlyPrice", "must have at most 2 decimals (cents)"));
        }
        if (limits == null) {
            out.add(new FieldViolation("limits", "are required"));
        } else {
            out.addAll(limits.violations(limits.symbols(), limits.timeframes()));
        }
        if (!out.isEmpty()) {
            throw new InvalidInputException(out);
        }
        if (store.nameTaken(n, planId)) {
            throw new DomainRejection(RejectionCode.PLAN_NAME_TAKEN, "another plan is called " + n);
        }
        return new Valid(n, price.setScale(2, RoundingMode.UNNECESSARY));
    }

    static String reason(String reason) {
        String why = reason == null || reason.isBlank() ? null : reason.strip();
        if (why == null) {
            throw new InvalidInputException("reason", "is required: say why");
        }
        PlatformHalt.requirePlainText(why);
        return why;
    }

    @EventSourcingHandler
    void on(PlanCreated event) {
        planId = event.planId();
        name = event.name();
        monthlyPrice = event.monthlyPrice();
        limits = event.limits();
    }

    @EventSourcingHandler
    void on(PlanChanged event) {
        name = event.name();
        monthlyPrice = event.monthlyPrice();
        limits = event.limits();
    }

    @EventSourcingHandler
    void on(PlanRetired event) {
        retired = true;
    }

    @EventSourcingHandler
    void on(DefaultPlanChosen event) {
        planId = Objects.requireNonNullElse(planId, event.planId());
    }

    @Override
    public Object view() {
        return new View(name, monthlyPrice, limits, retired);
    }
}
