package dev.trenddesk.gateway.web.fees;

import dev.trenddesk.api.fees.FeeSettlementView;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * A trader's fee statement of one or more settlements, as CSV (one line per settlement, every figure) or as a
 * simple PDF (title, trader, periods, the figures, the trades counted, when it was made).
 */
final class FeeStatements {

    static final String CSV_HEADER = "period,periodStart,periodEnd,startEquity,endEquity,highWaterMarkBefore,"
            + "highWaterMarkAfter,periodNetProfit,cumulativeProfit,rate,fee,trades,settledAt";

    private FeeStatements() {}

    static String csv(List<FeeSettlementView> settlements) {
        StringBuilder out = new StringBuilder(CSV_HEADER).append("\r\n");
        for (FeeSettlementView s : settlements) {
            out.append(String.join(
                            ",",
                            s.period(),
                            s.periodStart().toString(),
                            s.periodEnd().toString(),
                            plain(s.startEquity()),
                            plain(s.endEquity()),
                            plain(s.highWaterMarkBefore()),
                            plain(s.highWaterMarkAfter()),
                            plain(s.periodNetProfit()),
                            plain(s.cumulativeProfit()),
                            plain(s.rate()),
                            plain(s.fee()),
                            Integer.toString(s.trades()),
                            s.settledAt().toString()))
                    .append("\r\n");
        }
        return out.toString();
    }

    static byte[] pdf(String trader, String range, List<FeeSettlementView> settlements, Instant generated) {
        List<String> lines = new ArrayList<>();
        lines.add("Trader: " + trader);
        lines.add("Period: " + range);
        lines.add("Generated: " + generated);
        BigDecimal total = BigDecimal.ZERO;
        int trades = 0;
        for (FeeSettlementView s : settlements) {
            lines.add("");
            lines.add("Settlement " + s.period() + " (" + s.periodStart() + " to " + s.periodEnd() + ")");
            lines.add("  Start equity: " + orDash(s.startEquity()) + " USDT   End equity: " + orDash(s.endEquity())
                    + " USDT");
            lines.add("  Net profit of the period: " + plain(s.periodNetProfit()) + " USDT   Cumulative profit: "
                    + plain(s.cumulativeProfit()) + " USDT");
            lines.add("  High-water mark before: " + plain(s.highWaterMarkBefore()) + " USDT   after: "
                    + plain(s.highWaterMarkAfter()) + " USDT");
            lines.add("  Rate: " + plain(s.rate()) + "   Trades: " + s.trades());
            lines.add("  Fee: " + plain(s.fee()) + " USDT");
            total = total.add(s.fee());
            trades += s.trades();
        }
        lines.add("");
        lines.add(
                settlements.isEmpty()
                        ? "No settlement in this period."
                        : "Total fees: " + plain(total) + " USDT over " + settlements.size() + " settlement(s), "
                                + trades + " trade(s)");
        try (PDDocument document = new PDDocument();
                ByteArrayOutputStream bytes = new ByteArrayOutputStream()) {
            PDType1Font title = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
            PDType1Font body = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            int perPage = 44;
            for (int from = 0; from < Math.max(1, lines.size()); from += perPage) {
                PDPage page = new PDPage(PDRectangle.A4);
                document.addPage(page);
                try (PDPageContentStream text = new PDPageContentStream(document, page)) {
                    text.beginText();
                    text.newLineAtOffset(50, 790);
                    if (from == 0) {
                        text.setFont(title, 16);
                        text.showText("TrendDesk performance fee statement");
                        text.newLineAtOffset(0, -28);
                    }
                    text.setFont(body, 10);
                    for (String line : lines.subList(from, Math.min(lines.size(), from + perPage))) {
                        text.showText(latin1(line));
                        text.newLineAtOffset(0, -16);
                    }
                    text.endText();
                }
            }
            document.save(bytes);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The standard fonts encode WinAnsi: anything else (a username is plain ASCII anyway) becomes '?'. */
    private static String latin1(String line) {
        return new String(line.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.ISO_8859_1)
                .replaceAll("[^\\x20-\\x7E]", "?");
    }

    private static String orDash(BigDecimal value) {
        return value == null ? "-" : plain(value);
    }

    private static String plain(BigDecimal value) {
        return value == null ? "" : value.toPlainString();
    }
}
