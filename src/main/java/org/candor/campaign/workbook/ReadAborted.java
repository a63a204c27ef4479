package org.candor.campaign.workbook;

/**
 * Stops reading a workbook that cannot be read any further: too big, too slow, malformed or
 * hostile. {@code at} is the cell where it stopped, or null when the workbook as a whole is at
 * fault.
 */
final class ReadAborted extends RuntimeException {

    private final transient CellRef at;

    ReadAborted(CellRef at, String message) {
        super(message, null, false, false);
        this.at = at;
    }

    CellRef at() {
        return at;
    }
}
