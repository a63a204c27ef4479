package org.candor.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.candor.campaign.CampaignReader;
import org.candor.checking.CheckParts;
import org.candor.evaluation.facts.CompiledPolicy;

/**
 * What a command needs once its rules are ready, made ready on a second thread while the first
 * readies the rules. On a cold JVM that is mostly loading and initialising classes: the campaign
 * reader's JSON and validation, the tables the phrase matchers fold text with, and for the Excel
 * reports POI's and XMLBeans'. With a spare processor the two threads do it at once; without one
 * the work is the same as done in turn, since all of it would be done anyway (the reader is the
 * one the command uses, made by its {@link CheckParts}; the tables are built once per JVM; the workbook written to nowhere loads
 * the classes the reports use). Nothing done here can fail a command: what fails is done again,
 * and its error met, where it is needed.
 */
final class Warmup {

    private final CheckParts parts;
    private final CompletableFuture<CampaignReader> reader;

    private Warmup(CheckParts parts, CompletableFuture<CampaignReader> reader) {
        this.parts = parts;
        this.reader = reader;
    }

    /**
     * Starts the work on a daemon thread: the campaign reader of the command's {@code parts}, and
     * with {@code workbooks} (the command writes Excel reports) the report classes.
     */
    static Warmup start(CheckParts parts, boolean workbooks) {
        CompletableFuture<CampaignReader> reader = new CompletableFuture<>();
        Thread thread = new Thread(
                () -> {
                    try {
                        reader.complete(parts.campaignReader());
                    } catch (RuntimeException | LinkageError e) {
                        reader.completeExceptionally(e);
                    }
                    quietly(CompiledPolicy::prepareTables);
                    if (workbooks) {
                        quietly(Warmup::writeWorkbook);
                    }
                },
                "candor-warmup");
        thread.setDaemon(true);
        thread.start();
        return new Warmup(parts, reader);
    }

    /** The campaign reader made ahead; one made now if that failed. */
    CampaignReader reader() {
        try {
            return reader.get();
        } catch (ExecutionException e) {
            return parts.campaignReader();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return parts.campaignReader();
        }
    }

    private static void quietly(Runnable work) {
        try {
            work.run();
        } catch (RuntimeException | LinkageError e) {
            // Ahead of time only: the same work is done, and any error met, where it is needed.
        }
    }

    /** A streamed workbook with a styled cell, written to nowhere: what every report goes through. */
    private static void writeWorkbook() {
        SXSSFWorkbook wb = new SXSSFWorkbook(10);
        try {
            Font bold = wb.createFont();
            bold.setBold(true);
            CellStyle style = wb.createCellStyle();
            style.setFont(bold);
            style.setWrapText(true);
            Sheet sheet = wb.createSheet("Summary");
            Row row = sheet.createRow(0);
            row.createCell(0).setCellValue("Candor");
            row.getCell(0).setCellStyle(style);
            row.createCell(1).setCellValue(1.0);
            sheet.createFreezePane(0, 1);
            wb.write(OutputStream.nullOutputStream());
        } catch (IOException e) {
            // Written to nowhere: nothing to report.
        } finally {
            wb.dispose();
            try {
                wb.close();
            } catch (IOException e) {
                // as above
            }
        }
    }
}
