package dev.trenddesk.gateway.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trenddesk.gateway.support.Api;
import dev.trenddesk.gateway.support.IntegrationTest;
import dev.trenddesk.gateway.support.People;
import dev.trenddesk.gateway.support.People.Person;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * White-label branding over real HTTP in the shared context: an admin sets the brand and a logo, anyone reads them
 * without logging in, bad values are refused naming the field, every change is audited with who and why; the
 * default brand is restored at the end.
 */
@IntegrationTest
class BrandingTest {

    @LocalServerPort
    int port;

    @Test
    void anAdminsBrandIsServedWithoutLoginAndBadValuesAreRefusedNamingTheField() throws Exception {
        People people = new People(port);
        Person admin = people.create("admin");
        Api api = admin.login();
        Api anonymous = Api.at(port);
        byte[] png = png();
        try {
            Map<String, Object> brand = Map.of(
                    "productName", "Acme Trading",
                    "primaryColor", "#7FD1AE",
                    "supportEmail", "help@acme.example",
                    "legalFooter", "Acme Ltd., registered in Exampleland");
            Api.Response set =
                    api.put("/api/admin/platform/settings/branding", Map.of("branding", brand, "reason", "rebrand"));
            assertThat(set.status()).as(set.toString()).isEqualTo(200);
            assertThat(set.json().at("/branding/productName").asText()).isEqualTo("Acme Trading");
            assertThat(set.json().at("/branding/primaryColor").asText()).isEqualTo("#7fd1ae");
            Api.Response logo = api.put(
                    "/api/admin/platform/settings/logo",
                    Map.of("logo", Base64.getEncoder().encodeToString(png), "reason", "new logo"));
            assertThat(logo.status()).as(logo.toString()).isEqualTo(200);
            assertThat(logo.json().at("/branding/logoUrl").asText()).startsWith("/api/branding/logo?v=");

            JsonNode seen = anonymous.get("/api/branding").json();
            assertThat(seen.get("productName").asText()).isEqualTo("Acme Trading");
            assertThat(seen.get("primaryColor").asText()).isEqualTo("#7fd1ae");
            assertThat(seen.get("supportEmail").asText()).isEqualTo("help@acme.example");
            assertThat(seen.get("legalFooter").asText()).isEqualTo("Acme Ltd., registered in Exampleland");
            HttpResponse<byte[]> bytes = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                                            + seen.get("logoUrl").asText()))
                                    .build(),
                            HttpResponse.BodyHandlers.ofByteArray());
            assertThat(bytes.statusCode()).isEqualTo(200);
            assertThat(bytes.body()).isEqualTo(png);
            assertThat(bytes.headers().firstValue("Content-Type")).hasValue("image/png");
            assertThat(bytes.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(bytes.headers().firstValue("Cache-Control").orElse(""))
                    .contains("max-age=86400")
                    .contains("public");
            // a browser holding this logo is answered 304 without the bytes
            HttpResponse<byte[]> again = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                                            + seen.get("logoUrl").asText()))
                                    .header(
                                            "If-None-Match",
                                            bytes.headers().firstValue("ETag").orElseThrow())
                                    .build(),
                            HttpResponse.BodyHandlers.ofByteArray());
            assertThat(again.statusCode()).isEqualTo(304);
            assertThat(again.body()).isEmpty();
            assertThat(bytes.headers().firstValue("ETag").orElse("")).isNotBlank();

            // refused, naming the field
            String svg = Base64.getEncoder()
                    .encodeToString("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"
                            .getBytes(StandardCharsets.UTF_8));
            byte[] big = new byte[100 * 1024 + 10];
            new Random(1).nextBytes(big);
            System.arraycopy(png, 0, big, 0, 8);
            assertRefused(api.put("/api/admin/platform/settings/logo", Map.of("logo", svg)), "logo");
            assertRefused(
                    api.put(
                            "/api/admin/platform/settings/logo",
                            Map.of("logo", Base64.getEncoder().encodeToString(big))),
                    "logo");
            assertRefused(
                    api.put(
                            "/api/admin/platform/settings/branding",
                            Map.of("branding", with(brand, "primaryColor", "red"))),
                    "branding.primaryColor");
            Api.Response dark = api.put(
                    "/api/admin/platform/settings/branding",
                    Map.of("branding", with(brand, "primaryColor", "#1a2b6d")));
            assertRefused(dark, "branding.primaryColor");
            assertThat(dark.body()).contains("contrast");
            assertRefused(
                    api.put(
                            "/api/admin/platform/settings/branding",
                            Map.of("branding", with(brand, "supportEmail", "not an address"))),
                    "branding.supportEmail");
            assertThat(anonymous.get("/api/branding").json().get("productName").asText())
                    .isEqualTo("Acme Trading");
            // only admins change it
            assertThat(people.create("trader")
                            .login()
                            .put("/api/admin/platform/settings/branding", Map.of())
                            .status())
                    .isEqualTo(403);

            // audited with who and why
            List<JsonNode> rows = new ArrayList<>();
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                rows.clear();
                people.admin()
                        .get("/api/audit/events?category=all&order=oldest&limit=500&actor=" + admin.id())
                        .json()
                        .get("entries")
                        .forEach(rows::add);
                assertThat(rows)
                        .filteredOn(r -> r.get("eventType").asText().startsWith("Branding"))
                        .extracting(r -> r.get("eventType").asText() + " "
                                + r.at("/payload/reason").asText(""))
                        .containsExactly("BrandingChanged rebrand", "BrandingLogoChanged new logo");
            });
            assertThat(rows)
                    .filteredOn(r -> r.get("eventType").asText().equals("BrandingChanged"))
                    .allSatisfy(r -> {
                        assertThat(r.at("/payload/before/productName").asText()).isEqualTo("TrendDesk");
                        assertThat(r.at("/payload/after/productName").asText()).isEqualTo("Acme Trading");
                        assertThat(r.get("actorUsername").asText()).isEqualTo(admin.username());
                    });
        } finally {
            api.put("/api/admin/platform/settings/branding", Map.of("reason", "back to TrendDesk"));
            api.put("/api/admin/platform/settings/logo", Map.of());
            // the shared database keeps root the only active admin, which other tests rely on (CI ci17: with this
            // admin left active, UsersApiTest's root could deactivate itself and every later login failed)
            assertThat(people.admin()
                            .patch("/api/admin/users/" + admin.id(), Map.of("role", "viewer"))
                            .status())
                    .isEqualTo(200);
        }
        JsonNode back = anonymous.get("/api/branding").json();
        assertThat(back.get("productName").asText()).isEqualTo("TrendDesk");
        assertThat(back.get("primaryColor").asText()).isEqualTo("#4c9aff");
        assertThat(back.has("logoUrl") && !back.get("logoUrl").isNull()).isFalse();
        assertThat(anonymous.getBytes("/api/branding/logo").status()).isEqualTo(404);
    }

    private static Map<String, Object> with(Map<String, Object> brand, String field, Object value) {
        Map<String, Object> changed = new HashMap<>(brand);
        changed.put(field, value);
        return changed;
    }

    private static void assertRefused(Api.Response response, String field) {
        assertThat(response.status()).as(response.toString()).isEqualTo(422);
        assertThat(response.json().get("errors"))
                .anySatisfy(e -> assertThat(e.get("field").asText()).isEqualTo(field));
    }

    private static byte[] png() throws Exception {
        BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < 8; x++) {
            for (int y = 0; y < 8; y++) {
                image.setRGB(x, y, (x + y) % 2 == 0 ? Color.ORANGE.getRGB() : Color.BLUE.getRGB());
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
