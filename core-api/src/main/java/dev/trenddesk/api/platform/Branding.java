package dev.trenddesk.api.platform;

import dev.trenddesk.api.common.FieldViolation;
import dev.trenddesk.api.common.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The brand a deployment carries (white label): product name, primary colour, support e-mail and legal footer, as an
 * admin set them on the platform's settings. The logo travels apart ({@link BrandingLogo}).
 *
 * @param productName  1-{@value #MAX_NAME} printable characters: the header, the login page, the page title, the
 *                     e-mail sender's display name
 * @param primaryColor {@code #RRGGBB}, the colour of buttons and links; must keep the dashboard's dark text on it
 *                     readable (WCAG contrast ratio at least {@value #MIN_CONTRAST}, ADR 0031)
 * @param supportEmail where users ask for help; null: none shown
 * @param legalFooter  plain text at the foot of every page and e-mail, at most {@value #MAX_FOOTER} characters; null:
 *                     none
 */
public record Branding(String productName, String primaryColor, String supportEmail, String legalFooter) {

    public static final int MAX_NAME = 40;
    public static final int MAX_FOOTER = 500;
    public static final double MIN_CONTRAST = 4.5;
    public static final String COLOR_REGEX = "^#[0-9A-Fa-f]{6}$";

    /**
     * The text colour the dark theme puts on the primary colour (buttons) and the page background links sit on:
     * the primary colour must contrast with both.
     */
    public static final String BUTTON_TEXT = "#04101f";

    public static final String PAGE_BACKGROUND = "#0f1420";

    private static final Pattern COLOR = Pattern.compile(COLOR_REGEX);
    private static final Pattern NAME = Pattern.compile("^[^\\p{Cntrl}]+$");
    private static final Pattern FOOTER = Pattern.compile("^[^\\p{Cntrl}<>]*(?:\\n[^\\p{Cntrl}<>]*)*$");

    /** Today's look: TrendDesk in the dark theme's blue, no support address, no footer. */
    public static Branding defaults() {
        return new Branding("TrendDesk", "#4c9aff", null, null);
    }

    /** This branding trimmed (colour in lower case, blank optional values null); 422 naming the field otherwise. */
    public Branding validated() {
        List<FieldViolation> problems = new ArrayList<>();
        String name = productName == null ? "" : productName.strip();
        if (name.isEmpty() || name.length() > MAX_NAME || !NAME.matcher(name).matches()) {
            problems.add(new FieldViolation("branding.productName", "must be 1-" + MAX_NAME + " printable characters"));
        }
        String color = primaryColor == null ? "" : primaryColor.strip().toLowerCase(Locale.ROOT);
        if (!COLOR.matcher(color).matches()) {
            problems.add(new FieldViolation("branding.primaryColor", "must be a colour like #4c9aff (#RRGGBB)"));
        } else {
            double ratio = Math.min(contrast(color, BUTTON_TEXT), contrast(color, PAGE_BACKGROUND));
            if (ratio < MIN_CONTRAST) {
                problems.add(new FieldViolation(
                        "branding.primaryColor",
                        String.format(
                                Locale.ROOT,
                                "is too dark to read: the dark theme's text on it and it on the dark page have a"
                                        + " contrast ratio of %.2f, at least %.1f is needed (WCAG AA); choose a"
                                        + " lighter colour",
                                ratio,
                                MIN_CONTRAST)));
            }
        }
        String email = blankToNull(supportEmail);
        if (email != null && !Pattern.matches(MailServer.FROM_REGEX, email)) {
            problems.add(
                    new FieldViolation("branding.supportEmail", "must be an e-mail address like help@example.com"));
        }
        String footer = legalFooter == null || legalFooter.isBlank()
                ? null
                : legalFooter.strip().replace("\r\n", "\n");
        if (footer != null
                && (footer.length() > MAX_FOOTER || !FOOTER.matcher(footer).matches())) {
            problems.add(new FieldViolation(
                    "branding.legalFooter",
                    "must be plain text of at most " + MAX_FOOTER + " characters (line breaks allowed, no < or >)"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return new Branding(name, color, email, footer);
    }

    /** WCAG 2 contrast ratio of two {@code #RRGGBB} colours (1 to 21). */
    public static double contrast(String a, String b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    private static double luminance(String hex) {
        int rgb = Integer.parseInt(hex.substring(1), 16);
        return 0.2126 * channel((rgb >> 16) & 0xff)
                + 0.7152 * channel((rgb >> 8) & 0xff)
                + 0.0722 * channel(rgb & 0xff);
    }

    private static double channel(int value) {
        double c = value / 255.0;
        return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
