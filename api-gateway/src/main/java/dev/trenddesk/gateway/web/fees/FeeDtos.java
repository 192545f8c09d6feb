package dev.trenddesk.gateway.web.fees;

import dev.trenddesk.api.fees.SettlementPeriod;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;

/** The fee endpoints' requests. */
final class FeeDtos {

    private FeeDtos() {}

    /**
     * A trader's fee terms, set by an admin.
     *
     * @param rate   the share of new profit above the high-water mark, {@code 0 ≤ rate < 1}, at most 4 decimals
     * @param period how often it is settled; only MONTHLY exists (default)
     * @param reason why, required (it is in the audit log)
     */
    record FeeTermsRequest(
            @NotNull BigDecimal rate,
            SettlementPeriod period,
            @NotBlank @Size(max = 500) String reason) {}
}
