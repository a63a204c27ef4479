package org.candor.evaluation.facts;

import java.util.Locale;
import java.util.Set;
import org.candor.campaign.Evidence;
import org.candor.campaign.Influencer;

/**
 * Who counts as an independent verifier. Evidence counts as verified only when someone other
 * than the influencer checked it: its {@code verifiedBy} names a person or body, with a date,
 * and does not name the influencer themself: not their handle (with or without '@', or as the
 * local part of an e-mail address), not their display name, and not a word for themself such as
 * "self", "me" or "influencer". The same test applies to the source an audience's figures were
 * verified from ("self-reported" is no verification).
 */
public final class Independence {

    /** Words that name the influencer rather than someone else, compared as letters and digits only. */
    private static final Set<String> SELF = Set.of(
            "self",
            "me",
            "myself",
            "i",
            "influencer",
            "theinfluencer",
            "creator",
            "thecreator",
            "author",
            "theauthor",
            "selfverified",
            "selfreported",
            "selfcertified",
            "selfdeclared",
            "selfassessed",
            "owndata",
            "ownrecords",
            "influencersownrecords",
            "statedbytheinfluencer",
            "reportedbytheinfluencer");

    private Independence() {}

    /** The evidence names a verifier and a date, and the verifier is not the influencer. */
    public static boolean independent(Evidence e, Influencer influencer) {
        return e.isVerified() && !namesInfluencer(e.verifiedBy(), influencer);
    }

    /** The evidence names a verifier and a date, but the verifier is the influencer themself. */
    public static boolean selfVerified(Evidence e, Influencer influencer) {
        return e.isVerified() && namesInfluencer(e.verifiedBy(), influencer);
    }

    /** Whether a verifier's or source's name is the influencer themself. */
    public static boolean namesInfluencer(String who, Influencer influencer) {
        if (who == null || who.isBlank()) {
            return false;
        }
        String name = who.strip().toLowerCase(Locale.ROOT);
        if (SELF.contains(key(name))) {
            return true;
        }
        if (influencer == null) {
            return false;
        }
        String handle = key(influencer.handle());
        String display = key(influencer.displayName());
        String whole = key(name);
        int at = name.indexOf('@');
        String local = at > 0 ? key(name.substring(0, at)) : whole;
        for (String candidate : new String[] {whole, local}) {
            if (!candidate.isEmpty() && (candidate.equals(handle) || candidate.equals(display))) {
                return true;
            }
        }
        return false;
    }

    /** Letters and digits only, lower case: "@Jane.Doe" and "jane doe" give "janedoe". */
    private static String key(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length());
        s.toLowerCase(Locale.ROOT)
                .codePoints()
                .filter(Character::isLetterOrDigit)
                .forEach(sb::appendCodePoint);
        return sb.toString();
    }
}
