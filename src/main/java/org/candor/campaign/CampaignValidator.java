package org.candor.campaign;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

/**
 * Checks a parsed campaign: field constraints declared on the records (Bean Validation), then
 * what spans several fields: the format version, unique ids, and posts naming known influencers.
 * Every problem comes back with its JSON path; nothing stops at the first.
 */
public final class CampaignValidator {

    private static final ValidatorFactory FACTORY = Validation.byDefaultProvider()
            .configure()
            .messageInterpolator(new ParameterMessageInterpolator())
            .buildValidatorFactory();

    private final Validator validator = FACTORY.getValidator();
    private final int maxPosts;

    public CampaignValidator() {
        this(Integer.MAX_VALUE);
    }

    /** @param maxPosts the most posts one campaign may carry */
    public CampaignValidator(int maxPosts) {
        this.maxPosts = maxPosts;
    }

    public List<Problem> validate(Campaign campaign) {
        List<Problem> problems = new ArrayList<>();
        for (ConstraintViolation<Campaign> v : validator.validate(campaign)) {
            problems.add(new Problem(toJsonPath(v.getPropertyPath().toString()), message(v)));
        }
        crossChecks(campaign, problems);
        return problems.stream().sorted().distinct().toList();
    }

    private void crossChecks(Campaign c, List<Problem> problems) {
        if (c.formatVersion() != null && c.formatVersion() != Campaign.FORMAT_VERSION) {
            problems.add(new Problem(
                    "$.formatVersion",
                    "format version " + c.formatVersion() + " is not supported; this service reads version "
                            + Campaign.FORMAT_VERSION));
        }
        if (c.posts().size() > maxPosts) {
            problems.add(new Problem(
                    "$.posts", "has " + c.posts().size() + " posts; at most " + maxPosts + " are accepted"));
        }
        Map<String, Integer> handles = new HashMap<>();
        for (int i = 0; i < c.influencers().size(); i++) {
            Influencer inf = c.influencers().get(i);
            if (inf == null || inf.handle() == null) {
                continue;
            }
            Integer first = handles.putIfAbsent(inf.handle(), i);
            if (first != null) {
                problems.add(new Problem(
                        "$.influencers[" + i + "].handle",
                        "duplicate handle '" + inf.handle() + "' (also at $.influencers[" + first + "])"));
            }
            Set<String> claimIds = new HashSet<>();
            for (int k = 0; k < inf.claims().size(); k++) {
                Claim claim = inf.claims().get(k);
                if (claim != null && claim.id() != null && !claimIds.add(claim.id())) {
                    problems.add(new Problem(
                            "$.influencers[" + i + "].claims[" + k + "].id",
                            "duplicate claim id '" + claim.id() + "' for influencer '" + inf.handle() + "'"));
                }
            }
        }
        Map<String, Integer> postIds = new HashMap<>();
        for (int i = 0; i < c.posts().size(); i++) {
            Post post = c.posts().get(i);
            if (post == null) {
                continue;
            }
            if (post.id() != null) {
                Integer first = postIds.putIfAbsent(post.id(), i);
                if (first != null) {
                    problems.add(new Problem(
                            "$.posts[" + i + "].id",
                            "duplicate post id '" + post.id() + "' (also at $.posts[" + first + "])"));
                }
            }
            if (post.influencer() != null && !post.influencer().isBlank() && !handles.containsKey(post.influencer())) {
                problems.add(new Problem(
                        "$.posts[" + i + "].influencer",
                        "influencer '" + post.influencer() + "' is not among the campaign's influencers"));
            }
            textCaps(post, "$.posts[" + i + "]", problems);
            Set<Integer> frameIndexes = new HashSet<>();
            for (int k = 0; k < post.frames().size(); k++) {
                Frame frame = post.frames().get(k);
                if (frame != null && frame.index() != null && !frameIndexes.add(frame.index())) {
                    problems.add(new Problem(
                            "$.posts[" + i + "].frames[" + k + "].index", "duplicate frame index " + frame.index()));
                }
            }
            if (post.video() != null && post.video().durationSeconds() != null) {
                List<VideoDisclosure> ds = post.video().disclosures();
                for (int k = 0; k < ds.size(); k++) {
                    VideoDisclosure d = ds.get(k);
                    if (d != null
                            && d.atSeconds() != null
                            && d.atSeconds() > post.video().durationSeconds()) {
                        problems.add(new Problem(
                                "$.posts[" + i + "].video.disclosures[" + k + "].atSeconds",
                                "at " + d.atSeconds() + " s, after the end of the "
                                        + post.video().durationSeconds() + " s video"));
                    }
                }
            }
        }
    }

    /**
     * Text lengths: a post's text by its format ({@link PostFormat#maxTextLength()}), and every
     * other text a post carries (frames, overlay, in-video disclosures) as a caption. Rules read
     * these texts whole, so their length bounds the work of every evaluation.
     */
    private static void textCaps(Post post, String at, List<Problem> problems) {
        if (post.text() != null && post.format() != null) {
            cap(
                    post.text(),
                    post.format().maxTextLength(),
                    at + ".text",
                    "a " + post.format() + " post's text",
                    problems);
        } else if (post.text() != null) {
            cap(post.text(), PostFormat.MAX_LONG_TEXT, at + ".text", "a post's text", problems);
        }
        cap(post.imageOverlay(), PostFormat.MAX_CAPTION, at + ".imageOverlay", "an image overlay", problems);
        for (int k = 0; k < post.frames().size(); k++) {
            Frame f = post.frames().get(k);
            if (f != null) {
                cap(f.text(), PostFormat.MAX_CAPTION, at + ".frames[" + k + "].text", "a frame's text", problems);
                cap(
                        f.disclosureOverlay(),
                        PostFormat.MAX_CAPTION,
                        at + ".frames[" + k + "].disclosureOverlay",
                        "a frame's overlay",
                        problems);
            }
        }
        if (post.video() != null) {
            List<VideoDisclosure> ds = post.video().disclosures();
            for (int k = 0; k < ds.size(); k++) {
                VideoDisclosure d = ds.get(k);
                if (d != null) {
                    cap(
                            d.text(),
                            PostFormat.MAX_CAPTION,
                            at + ".video.disclosures[" + k + "].text",
                            "a disclosure's text",
                            problems);
                }
            }
        }
    }

    private static void cap(String text, int max, String path, String what, List<Problem> problems) {
        if (text == null || text.length() <= max) {
            return;
        }
        int length = text.codePointCount(0, text.length());
        if (length > max) {
            problems.add(new Problem(
                    path,
                    String.format(
                            java.util.Locale.ROOT,
                            "is %,d characters long; %s may have at most %,d",
                            length,
                            what,
                            max)));
        }
    }

    /**
     * The constraint's message, said plainly: a missing value "is required", and a value that
     * breaks a limit is quoted, so the submitter sees what was sent.
     */
    static String message(ConstraintViolation<?> v) {
        Object value = v.getInvalidValue();
        Class<?> constraint = v.getConstraintDescriptor().getAnnotation().annotationType();
        if (value == null
                && (constraint == NotNull.class || constraint == NotBlank.class || constraint == NotEmpty.class)) {
            return "is required";
        }
        if (value instanceof Number) {
            return v.getMessage() + ", found " + value;
        }
        if (value instanceof CharSequence s && !s.toString().isBlank()) {
            String text = s.toString();
            return v.getMessage() + ", found '" + (text.length() > 60 ? text.substring(0, 57) + "..." : text) + "'";
        }
        return v.getMessage();
    }

    /** {@code influencers[0].claims[1].<list element>} becomes {@code $.influencers[0].claims[1]}. */
    static String toJsonPath(String propertyPath) {
        String cleaned = propertyPath.replaceAll("\\.<[^>]+>", "").replaceAll("<[^>]+>", "");
        return cleaned.isEmpty() ? "$" : "$." + cleaned;
    }
}
