package org.candor.report;

import java.io.BufferedWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.zip.Deflater;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.streaming.SheetDataWriter;

/**
 * A streaming workbook that costs little when it is small. SXSSF writes each sheet's rows, past a
 * window of {@value ExcelReportWriter#ROW_WINDOW}, to a temporary file: right for a report of
 * 100,000 findings, which must fit a small heap, but for the typical report of a few dozen rows
 * the six temporary files (created, gzipped, read back and deleted) cost more than the rows.
 * {@link #small()} keeps each sheet's XML in memory instead, the same XML the files would hold;
 * {@link #large()} streams through compressed temporary files as before. Both put the workbook
 * together without a temporary file ({@link #writeAvoidingTempFiles}) and compress it at the
 * fastest level (an .xlsx is a zip; a faster level costs a little size, not content).
 */
final class ReportWorkbook extends SXSSFWorkbook {

    /** The system property that names the XML transformer factory ({@code javax.xml.transform}). */
    static final String TRANSFORMER_FACTORY = "javax.xml.transform.TransformerFactory";

    /** The JDK's own transformer factory: what the lookup finds when nothing else is named. */
    static final String JDK_TRANSFORMER_FACTORY = "com.sun.org.apache.xalan.internal.xsltc.trax.TransformerFactoryImpl";

    static {
        // POI asks TransformerFactory.newInstance() for every part it saves; with no factory named,
        // each ask scans the class path for a provider (about a tenth of a small report's CPU).
        // Name the JDK's, which is what the scan finds on this class path, unless one is named.
        if (System.getProperty(TRANSFORMER_FACTORY) == null) {
            System.setProperty(TRANSFORMER_FACTORY, JDK_TRANSFORMER_FACTORY);
        }
    }

    private final boolean inMemory;

    private ReportWorkbook(boolean inMemory) {
        super(ExcelReportWriter.ROW_WINDOW);
        this.inMemory = inMemory;
        setCompressTempFiles(!inMemory);
    }

    /** Rows kept in memory: for a workbook of a few thousand rows at most. */
    static ReportWorkbook small() {
        return new ReportWorkbook(true);
    }

    /** Rows streamed through compressed temporary files, a window at a time: for any size. */
    static ReportWorkbook large() {
        return new ReportWorkbook(false);
    }

    /** Whether the sheets' rows stay in memory. */
    boolean inMemory() {
        return inMemory;
    }

    @Override
    protected SheetDataWriter createSheetDataWriter() throws IOException {
        return inMemory ? MemorySheetWriter.create() : super.createSheetDataWriter();
    }

    @Override
    protected ZipArchiveOutputStream createArchiveOutputStream(OutputStream out) {
        ZipArchiveOutputStream zip = super.createArchiveOutputStream(out);
        zip.setLevel(Deflater.BEST_SPEED);
        return zip;
    }

    /** Writes the workbook to {@code out}, which is left open. */
    @Override
    public void write(OutputStream out) throws IOException {
        writeAvoidingTempFiles(out);
    }

    /** A sheet's rows as XML in memory; SXSSF reads them back when the workbook is written. */
    private static final class MemorySheetWriter extends SheetDataWriter {
        private final ByteArrayOutputStream bytes;

        private MemorySheetWriter(ByteArrayOutputStream bytes, Writer writer) throws IOException {
            super(writer);
            this.bytes = bytes;
        }

        static MemorySheetWriter create() throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(8192);
            return new MemorySheetWriter(
                    bytes, new BufferedWriter(new OutputStreamWriter(bytes, StandardCharsets.UTF_8)));
        }

        @Override
        public InputStream getWorksheetXMLInputStream() throws IOException {
            // SXSSF has closed the writer, so every row is in the bytes, before it reads them back
            return new ByteArrayInputStream(bytes.toByteArray());
        }
    }
}
