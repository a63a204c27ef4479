package org.candor.rules.policy;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The kinds of policy table, each known by the titles of its columns. A table's title row names
 * its columns, in any order; the first column of each kind ({@code Term} or {@code Phrase},
 * {@code Platform}, {@code Threshold}) says which kind it is.
 */
public enum TableKind {
    /** Disclosure terms and claim phrases: what a phrase means, in which language and jurisdiction. */
    TERMS(
            "terms",
            List.of(
                    new Column(List.of("Term", "Phrase"), ColumnType.TEXT, true),
                    new Column(List.of("Meaning"), ColumnType.MEANING, true),
                    new Column(List.of("Language"), ColumnType.LANGUAGE, false),
                    new Column(List.of("Jurisdiction"), ColumnType.JURISDICTION, false))),
    /** Caption folds: how much of a caption a platform shows before "more". */
    FOLDS(
            "caption folds",
            List.of(
                    new Column(List.of("Platform"), ColumnType.PLATFORM, true),
                    new Column(List.of("Format"), ColumnType.FORMAT, false),
                    new Column(List.of("Characters"), ColumnType.COUNT, true),
                    new Column(List.of("Line breaks"), ColumnType.COUNT, true))),
    /** Thresholds: named numbers the rules compare against. */
    THRESHOLDS(
            "thresholds",
            List.of(
                    new Column(List.of("Threshold", "Name"), ColumnType.NAME, true),
                    new Column(List.of("Value"), ColumnType.NUMBER, true)));

    /** Titles of the free-text column that says why a row is there; any kind may have it. */
    public static final List<String> DESCRIPTION_TITLES = List.of("Why", "What it means", "Description");

    /**
     * A column of a kind of table.
     *
     * @param titles the titles it may have, the first as written in messages
     * @param required whether every data row must have a value in it
     */
    public record Column(List<String> titles, ColumnType type, boolean required) {
        boolean isTitled(String title) {
            return titles.stream().anyMatch(t -> t.equalsIgnoreCase(title.strip()));
        }

        public String title() {
            return titles.get(0);
        }
    }

    private final String label;
    private final List<Column> columns;

    TableKind(String label, List<Column> columns) {
        this.label = label;
        this.columns = columns;
    }

    public List<Column> columns() {
        return columns;
    }

    /** The kind whose key column a title row starts with (case ignored); null when none. */
    static TableKind ofFirstTitle(String title) {
        for (TableKind k : values()) {
            if (k.columns.get(0).isTitled(title)) {
                return k;
            }
        }
        return null;
    }

    /** "a terms table (Term, Meaning, Language, Jurisdiction, Why)". */
    String describe() {
        return "a " + label + " table (" + columns.stream().map(Column::title).collect(Collectors.joining(", "))
                + ", Why)";
    }

    static String describeAll() {
        return TERMS.describe() + ", " + FOLDS.describe() + " or " + THRESHOLDS.describe();
    }

    String label() {
        return label.toLowerCase(Locale.ROOT);
    }
}
