package org.candor.campaign.workbook;

/** The text a read may hold in memory, across all sheets and the shared strings it uses. */
final class TextBudget {

    private final long limit;
    private long spent;

    TextBudget(long limit) {
        this.limit = limit;
    }

    void spend(long chars) {
        spent += chars;
        if (spent > limit) {
            throw new ReadAborted(
                    null,
                    "the workbook holds more than " + String.format("%,d", limit)
                            + " characters of text, more than a campaign needs; refused");
        }
    }
}
