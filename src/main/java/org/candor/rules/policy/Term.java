package org.candor.rules.policy;

/**
 * One row of a term table: the phrase, what it means, the language it belongs to, and the
 * jurisdiction the row is limited to ({@code null}: every jurisdiction). A phrase may contain
 * {@code {brand}}, which stands for the campaign's brand name.
 */
public record Term(String phrase, Meaning meaning, String language, String jurisdiction, String origin) {

    public boolean appliesIn(String j) {
        return jurisdiction == null || jurisdiction.equals(j);
    }

    public boolean mentionsBrand() {
        return phrase.contains(Policy.BRAND_PLACEHOLDER);
    }
}
