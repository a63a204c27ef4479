package org.candor.report;

/** A workbook to download: its file name and its bytes. */
public record Download(String fileName, byte[] content) {}
