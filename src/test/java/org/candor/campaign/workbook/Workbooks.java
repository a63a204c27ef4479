package org.candor.campaign.workbook;

import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.candor.campaign.Campaign;
import org.candor.campaign.CampaignReader;
import org.candor.campaign.InvalidCampaignException;
import org.candor.campaign.Problem;

/** Builds the workbooks of the tests: campaigns written out, then edited cell by cell or part by part. */
final class Workbooks {

    static final Path CAMPAIGNS = Path.of("src/test/resources/campaigns");
    static final Path INTAKE = Path.of("src/test/resources/intake");

    /**
     * The part of each sheet in a workbook written by {@link WorkbookCampaignWriter}: POI numbers
     * worksheets in the order they are created, Instructions first.
     */
    static String part(String sheet) {
        int index = sheet.equals(CampaignTemplate.INSTRUCTIONS) ? 1 : CampaignTemplate.DATA_SHEETS.indexOf(sheet) + 2;
        return "xl/worksheets/sheet" + index + ".xml";
    }

    private Workbooks() {}

    static Campaign json(Path file) {
        try {
            return new CampaignReader().read(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] write(Campaign campaign) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            new WorkbookCampaignWriter().write(campaign, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] template() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            new CampaignTemplate().write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The workbook, changed through POI's user model and written again. */
    static byte[] edit(byte[] xlsx, Consumer<XSSFWorkbook> change) {
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            change.accept(wb);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            wb.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static XSSFWorkbook open(byte[] xlsx) {
        try {
            return new XSSFWorkbook(new ByteArrayInputStream(xlsx));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The zip's entries, in order. */
    static Map<String, byte[]> entries(byte[] zip) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                entries.put(e.getName(), in.readAllBytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return entries;
    }

    static String text(byte[] zip, String entry) {
        return new String(entries(zip).get(entry), StandardCharsets.UTF_8);
    }

    static byte[] zip(Map<String, byte[]> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The workbook with some of its parts replaced (or added), as text. */
    static byte[] withParts(byte[] xlsx, Map<String, String> parts) {
        Map<String, byte[]> entries = entries(xlsx);
        parts.forEach((name, text) -> entries.put(name, text.getBytes(StandardCharsets.UTF_8)));
        return zip(entries);
    }

    /** The problems the reader reports, which it must report as an {@link InvalidCampaignException}. */
    static List<Problem> problems(ThrowingCallable read) {
        InvalidCampaignException e = catchThrowableOfType(InvalidCampaignException.class, read);
        if (e == null) {
            throw new AssertionError("expected the workbook to be refused, but it was read");
        }
        return e.problems();
    }
}
