package org.candor.system;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** Workbooks sent as HTTP attachments, by the API and the pages alike. */
public final class Attachments {

    /** The media type of an .xlsx workbook. */
    public static final MediaType XLSX =
            MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    private Attachments() {}

    /** A workbook as an attachment under its file name. */
    public static ResponseEntity<byte[]> xlsx(String fileName, byte[] content) {
        return xlsx(fileName, content, null);
    }

    /**
     * A workbook as an attachment under its file name.
     *
     * @param etag the version it shows, or null for none
     */
    public static ResponseEntity<byte[]> xlsx(String fileName, byte[] content, String etag) {
        ResponseEntity.BodyBuilder ok = ResponseEntity.ok().contentType(XLSX);
        if (etag != null) {
            ok.eTag(etag);
        }
        return ok.header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(fileName)
                                .build()
                                .toString())
                .body(content);
    }
}
