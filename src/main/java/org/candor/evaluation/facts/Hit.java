package org.candor.evaluation.facts;

import java.util.List;
import java.util.Set;
import org.candor.rules.policy.Meaning;
import org.candor.rules.policy.Term;

/**
 * A phrase from the policy tables found in a post: the text as written, where (source, 1-based
 * character position and line), and the table rows that give it meaning.
 */
public record Hit(
        String text,
        Source source,
        int sourceIndex,
        int position,
        int endPosition,
        int line,
        boolean hashtag,
        List<Term> rows,
        String excerpt) {

    static final Set<Meaning> DISCLOSURE = Set.of(
            Meaning.CLEAR,
            Meaning.VAGUE,
            Meaning.GIFT,
            Meaning.COMMISSION,
            Meaning.EMPLOYMENT,
            Meaning.OWNERSHIP,
            Meaning.FAMILY_TIE);

    /** Whether any row gives the phrase this meaning. */
    public boolean means(Meaning meaning) {
        // By index: asked of every hit for every meaning a rule looks for.
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).meaning() == meaning) {
                return true;
            }
        }
        return false;
    }

    /** Whether the phrase is a disclosure term (clear, vague, gift, commission or a named tie) in any row. */
    public boolean isDisclosureTerm() {
        for (Term t : rows) {
            if (DISCLOSURE.contains(t.meaning())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The disclosure meaning of the phrase in a jurisdiction: the row for that jurisdiction if
     * there is one, else the row for every jurisdiction; VAGUE when neither exists.
     */
    public Meaning disclosureMeaningIn(String jurisdiction) {
        Meaning general = null;
        for (Term t : rows) {
            if (!DISCLOSURE.contains(t.meaning())) {
                continue;
            }
            if (jurisdiction.equals(t.jurisdiction())) {
                return t.meaning();
            }
            if (t.jurisdiction() == null && general == null) {
                general = t.meaning();
            }
        }
        return general == null ? Meaning.VAGUE : general;
    }

    /** The language of the disclosure rows; {@code *} when the phrase belongs to every language. */
    public boolean inLanguage(String language) {
        for (Term t : rows) {
            if (DISCLOSURE.contains(t.meaning())
                    && ("*".equals(t.language()) || language.equalsIgnoreCase(t.language()))) {
                return true;
            }
        }
        return false;
    }

    public String language() {
        for (Term t : rows) {
            if (DISCLOSURE.contains(t.meaning())) {
                return t.language();
            }
        }
        return rows.isEmpty() ? "*" : rows.get(0).language();
    }

    /** "'#ad' at character 212 (line 3) of the caption". */
    public String where() {
        String place =
                switch (source) {
                    case FRAME -> "the overlay of frame " + sourceIndex;
                    case FRAME_TEXT -> "the text of frame " + sourceIndex;
                    case VIDEO -> "in-video disclosure " + (sourceIndex + 1);
                    case PRODUCT_CLAIM -> "listed product claim " + (sourceIndex + 1);
                    default -> source.label();
                };
        return "'" + text + "' at character " + position + " (line " + line + ") of " + place;
    }

    @Override
    public String toString() {
        return where();
    }
}
