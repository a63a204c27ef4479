package org.candor.rules.policy;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.candor.campaign.Platform;
import org.candor.campaign.PostFormat;

/**
 * The type of a policy table column: how the text of a cell becomes a value. A cell that is not
 * a value of its type is refused with the reason; nothing in a cell is ever run.
 */
public enum ColumnType {
    /** Any text, spacing around it dropped. */
    TEXT("text"),
    /** A name of capitals, digits and underscores that starts with a capital: ADULT_AGE. */
    NAME("a name such as ADULT_AGE (capitals, digits and _)"),
    /** A number of zero or more, with a decimal point if need be: 10, 2.5. */
    NUMBER("a number of 0 or more, such as 10 or 2.5"),
    /** A whole number above zero: 125. */
    COUNT("a whole number above 0, such as 125"),
    /** One of the meanings of {@link Meaning}. */
    MEANING("one of " + Arrays.toString(Meaning.values())),
    /** A language code (en, fr, de), or * for every language. */
    LANGUAGE("a language code such as en, fr, de, or * for every language"),
    /** A jurisdiction code (US, UK, FR, EU); empty for every jurisdiction. */
    JURISDICTION("a jurisdiction code such as US, UK, FR, EU"),
    /** A platform of the campaign format. */
    PLATFORM("one of " + Arrays.toString(Platform.values())),
    /** A post format of the campaign format; empty for every format. */
    FORMAT("one of " + Arrays.toString(PostFormat.values()));

    private static final Pattern NAME_SYNTAX = Pattern.compile("[A-Z][A-Z0-9_]{0,99}");
    private static final Pattern NUMBER_SYNTAX = Pattern.compile("\\d{1,15}(\\.\\d{1,15})?");
    private static final Pattern COUNT_SYNTAX = Pattern.compile("\\d{1,9}");
    private static final Pattern LANGUAGE_SYNTAX = Pattern.compile("[a-z]{2,3}|\\*");
    private static final Pattern JURISDICTION_SYNTAX = Pattern.compile("[A-Z]{2}");

    private final String expected;

    ColumnType(String expected) {
        this.expected = expected;
    }

    /** What a cell of this type holds, for messages. */
    public String expected() {
        return expected;
    }

    /**
     * The value of a cell: a String, Double, Integer or Meaning; null for an empty cell.
     *
     * @throws IllegalArgumentException with the reason the cell is not a value of this type
     */
    public Object parse(String cell) {
        String v = cell == null ? "" : cell.strip();
        if (v.isEmpty()) {
            return null;
        }
        return switch (this) {
            case TEXT -> v;
            case NAME -> check(v.toUpperCase(Locale.ROOT), NAME_SYNTAX, v);
            case NUMBER -> Double.valueOf(check(v, NUMBER_SYNTAX, v));
            case COUNT -> {
                int n = Integer.parseInt(check(v, COUNT_SYNTAX, v));
                if (n <= 0) {
                    throw refused(v);
                }
                yield n;
            }
            case MEANING -> enumValue(Meaning.class, v);
            case LANGUAGE -> check(v.toLowerCase(Locale.ROOT), LANGUAGE_SYNTAX, v);
            case JURISDICTION -> check(v.toUpperCase(Locale.ROOT), JURISDICTION_SYNTAX, v);
            case PLATFORM -> enumValue(Platform.class, v).name();
            case FORMAT -> enumValue(PostFormat.class, v).name();
        };
    }

    private String check(String value, Pattern syntax, String cell) {
        if (!syntax.matcher(value).matches()) {
            throw refused(cell);
        }
        return value;
    }

    private <E extends Enum<E>> E enumValue(Class<E> type, String cell) {
        try {
            return Enum.valueOf(type, cell.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw refused(cell);
        }
    }

    /**
     * The values a cell of this type may take when they form a closed set (meanings, platforms,
     * formats), in order; empty for a type whose values are open (text, numbers, codes).
     */
    public List<String> choices() {
        return switch (this) {
            case MEANING -> names(Meaning.values());
            case PLATFORM -> names(Platform.values());
            case FORMAT -> names(PostFormat.values());
            default -> List.of();
        };
    }

    /** Values commonly written in an open column of codes, offered while typing; any other code is taken too. */
    public List<String> suggestions() {
        return switch (this) {
            case LANGUAGE -> List.of("*", "en", "fr", "de", "es", "it", "nl", "pt", "ga");
            case JURISDICTION -> List.of("US", "UK", "EU", "FR", "IE", "DE");
            default -> List.of();
        };
    }

    private static List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toList();
    }

    private IllegalArgumentException refused(String cell) {
        return new IllegalArgumentException("'" + shorten(cell) + "' is not " + expected);
    }

    /** A cell as quoted in a message: long cells are cut. */
    static String shorten(String cell) {
        return cell.length() <= 80 ? cell : cell.substring(0, 77) + "...";
    }
}
