package dev.trenddesk.gateway.web.platform;

import dev.trenddesk.api.platform.PlatformStatusView;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/** The kill switch's requests and answer. */
final class PlatformDtos {

    /** The longest reason: a sentence for every trader's banner (as the aggregate's own limit). */
    static final int MAX_REASON = 500;

    private PlatformDtos() {}

    /**
     * Engage the kill switch.
     *
     * @param reason  why trading is halted, shown to every trader
     * @param flatten true: stop every bot and close its positions at market; false: pause every running bot
     */
    record EngageRequest(
            @NotBlank @Size(max = MAX_REASON) String reason,

            @NotNull @Schema(description = "true: stop every bot and close its positions; false: pause every bot")
            Boolean flatten) {}

    /** Release the kill switch; the reason is optional. */
    record ReleaseRequest(@Size(max = MAX_REASON) String reason) {}

    /**
     * Whether trading is halted on the whole platform.
     *
     * @param halted  true while the kill switch is engaged: no bot starts or resumes
     * @param reason  why (null when not halted)
     * @param flatten whether bots were stopped with their positions closed (false when not halted)
     * @param since   when it was engaged (null when not halted)
     * @param maintenance       true while maintenance mode is on: bots open no new positions, exits still run
     * @param maintenanceReason why (null when off)
     * @param maintenanceSince  since when (null when off)
     */
    record PlatformStatusResponse(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
            boolean halted,

            String reason,

            @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
            boolean flatten,

            Instant since,

            @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
            boolean maintenance,

            String maintenanceReason,

            Instant maintenanceSince) {

        static PlatformStatusResponse of(PlatformStatusView view) {
            PlatformStatusView v = view == null ? PlatformStatusView.running() : view;
            return new PlatformStatusResponse(
                    v.halted(),
                    v.reason(),
                    v.flatten(),
                    v.since(),
                    v.maintenance(),
                    v.maintenanceReason(),
                    v.maintenanceSince());
        }
    }
}
