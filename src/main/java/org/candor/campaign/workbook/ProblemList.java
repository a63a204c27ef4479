package org.candor.campaign.workbook;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.candor.campaign.Problem;

/**
 * The problems found in a workbook, each at a cell (or the workbook as a whole), listed in sheet,
 * row and column order. A hostile file could yield one per cell, so the list stops growing at
 * {@link #MAX} and says how many more there were.
 */
final class ProblemList {

    /** The most problems listed one by one. */
    static final int MAX = 500;

    private record Entry(CellRef at, String message) {}

    private static final Comparator<Entry> ORDER = Comparator.comparing(Entry::at, Comparator.nullsFirst(CellRef.ORDER))
            .thenComparing(Entry::message);

    private final List<Entry> entries = new ArrayList<>();
    private final Set<CellRef> cells = new HashSet<>();
    private int dropped;

    void add(CellRef at, String message) {
        if (entries.size() >= MAX) {
            dropped++;
            return;
        }
        Entry e = new Entry(at, message);
        if (!entries.contains(e)) {
            entries.add(e);
            if (at != null) {
                cells.add(at);
            }
        }
    }

    /** Whether a problem was already found at the cell. */
    boolean has(CellRef at) {
        return cells.contains(at);
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    List<Problem> toProblems() {
        List<Problem> problems = new ArrayList<>();
        entries.stream()
                .sorted(ORDER)
                .forEach(e -> problems.add(
                        new Problem(e.at() == null ? WorkbookCampaignReader.WORKBOOK : e.at().path(), e.message())));
        if (dropped > 0) {
            problems.add(new Problem(
                    WorkbookCampaignReader.WORKBOOK,
                    dropped + " more problems not listed; the first " + MAX + " are shown above"));
        }
        return problems;
    }
}
