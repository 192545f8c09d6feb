package dev.trenddesk.gateway.web.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trenddesk.api.audit.AuditEntry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.Function;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A case file for e-discovery: one zip with the filtered audit rows as {@code events.ndjson} and
 * {@code events.csv}, and {@code manifest.json} naming who asked for it and when, the filter, the row count,
 * the hash chain at both ends of the rows (first row's previous hash and hash, last row's hash) and the
 * SHA-256 and size of every other file, so a reviewer can check the files were not changed and, against
 * {@code /api/audit/verify}, that the rows are the log's own. Written through a temporary file: memory stays
 * flat however many rows.
 */
final class CaseExport implements AutoCloseable {

    static final String NDJSON = "events.ndjson";
    static final String CSV = "events.csv";
    static final String MANIFEST = "manifest.json";

    private final Path zip;
    private final ZipOutputStream out;
    private final Path csv;
    private final OutputStream csvOut;
    private final MessageDigest ndjsonDigest = sha256();
    private final MessageDigest csvDigest = sha256();
    private final Function<AuditEntry, String> ndjsonLine;
    private long ndjsonBytes;
    private long csvBytes;
    private long rows;
    private AuditEntry first;
    private AuditEntry last;
    private boolean finished;

    CaseExport(Function<AuditEntry, String> ndjsonLine, String csvHeader) {
        this.ndjsonLine = ndjsonLine;
        try {
            zip = Files.createTempFile("trenddesk-case-", ".zip");
            csv = Files.createTempFile("trenddesk-case-", ".csv");
            out = new ZipOutputStream(Files.newOutputStream(zip));
            csvOut = Files.newOutputStream(csv);
            out.putNextEntry(new ZipEntry(NDJSON));
            writeCsv(csvHeader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Adds one row, in chain order. */
    void add(AuditEntry row) {
        if (first == null) {
            first = row;
        }
        last = row;
        rows++;
        byte[] line = ndjsonLine.apply(row).getBytes(StandardCharsets.UTF_8);
        try {
            out.write(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ndjsonDigest.update(line);
        ndjsonBytes += line.length;
        writeCsv(AuditController.csvLine(row));
    }

    /** Closes the files into the zip with its manifest; answers the zip (the caller deletes it once sent). */
    Path finish(ObjectMapper json, String requestedBy, Instant at, Map<String, String> filter) {
        try {
            out.closeEntry();
            csvOut.close();
            out.putNextEntry(new ZipEntry(CSV));
            Files.copy(csv, out);
            out.closeEntry();
            ObjectNode manifest = json.createObjectNode();
            manifest.put("kind", "TrendDesk audit case file");
            manifest.put("generatedAt", at.toString());
            manifest.put("generatedBy", requestedBy);
            ObjectNode filterNode = manifest.putObject("filter");
            filter.forEach((key, value) -> {
                if (value != null) {
                    filterNode.put(key, value);
                }
            });
            manifest.put("rows", rows);
            ObjectNode chain = manifest.putObject("chain");
            if (first != null) {
                chain.put("firstSeq", first.seq());
                chain.put("firstPreviousHash", first.previousHash());
                chain.put("firstHash", first.hash());
                chain.put("lastSeq", last.seq());
                chain.put("lastHash", last.hash());
            }
            chain.put(
                    "note",
                    "each row's hash is SHA-256 over the previous row's hash and the canonical row; with a filter the"
                            + " rows are a subset, so check them against GET /api/audit/verify and the full log");
            ArrayNode files = manifest.putArray("files");
            files.add(file(json, NDJSON, ndjsonBytes, ndjsonDigest));
            files.add(file(json, CSV, csvBytes, csvDigest));
            out.putNextEntry(new ZipEntry(MANIFEST));
            out.write(json.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest));
            out.closeEntry();
            out.close();
            Files.deleteIfExists(csv);
            finished = true;
            return zip;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void writeCsv(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        try {
            csvOut.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        csvDigest.update(bytes);
        csvBytes += bytes.length;
    }

    private static JsonNode file(ObjectMapper json, String name, long bytes, MessageDigest digest) {
        ObjectNode node = json.createObjectNode();
        node.put("name", name);
        node.put("bytes", bytes);
        node.put("sha256", HexFormat.of().formatHex(digest.digest()));
        return node;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Drops the temporary CSV, and the zip too unless {@link #finish} handed it over. */
    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException ignored) {
            // best effort
        }
        try {
            csvOut.close();
        } catch (IOException ignored) {
            // best effort
        }
        try {
            Files.deleteIfExists(csv);
            if (!finished) {
                Files.deleteIfExists(zip);
            }
        } catch (IOException ignored) {
            // best effort
        }
    }
}
