package dev.trenddesk.bingx;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ApiCredentialsTest {

    @Test
    void toStringShowsOnlyTheLastFourCharactersOfTheKeyAndNoSecret() {
        ApiCredentials credentials = new ApiCredentials("AKIAVERYSECRETKEYab12", "s3cr3t-value-xyz");

        assertThat(credentials.toString()).contains("****ab12").doesNotContain("AKIAVERY", "s3cr3t");
        assertThat(credentials.maskedApiKey()).isEqualTo("****ab12");
    }
}
