package org.candor.cli.output;

import java.io.IOException;
import java.io.OutputStream;

/** Writes a check's results in one format; it formats, it never judges. */
public interface Renderer {

    /** Writes the report, UTF-8 encoded, and flushes; the stream stays open. */
    void render(CheckReport report, OutputStream out) throws IOException;
}
