package org.candor.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Format v1 input rejected as a whole, with every problem named by its JSON path. Each payload is
 * a file under {@code src/test/resources/campaigns/invalid/}; most differ from a valid campaign by
 * one thing.
 */
class CampaignReaderTest {

    private static final Path INVALID = Path.of("src/test/resources/campaigns/invalid");

    private final CampaignReader reader = new CampaignReader();

    private List<Problem> problemsOf(String file) {
        InvalidCampaignException e =
                catchThrowableOfType(InvalidCampaignException.class, () -> reader.read(INVALID.resolve(file)));
        assertThat(e).as("%s must be rejected", file).isNotNull();
        assertThat(e.problems()).as("problems of %s", file).isNotEmpty();
        return e.problems();
    }

    private Problem onlyProblemOf(String file) {
        List<Problem> problems = problemsOf(file);
        assertThat(problems).as("problems of %s", file).hasSize(1);
        return problems.get(0);
    }

    // Unknown fields: a typo must not silently drop data.

    @Test
    void anUnknownTopLevelFieldIsRejectedAndTheAllowedFieldsAreListed() {
        Problem p = onlyProblemOf("unknown-field-top-level.json");
        assertThat(p.path()).isEqualTo("$.brandName");
        assertThat(p.message())
                .startsWith("unknown field 'brandName'")
                .contains("fields allowed here:")
                .contains("brand, formatVersion");
    }

    @Test
    void anUnknownFieldInAPostIsRejectedAtItsPath() {
        Problem p = onlyProblemOf("unknown-field-nested.json");
        assertThat(p.path()).isEqualTo("$.posts[0].captionn");
        assertThat(p.message()).startsWith("unknown field 'captionn'").contains("text");
    }

    @Test
    void anUnknownFieldWhoseNameIsNotAnIdentifierIsQuotedInThePath() {
        Problem p = onlyProblemOf("unknown-field-odd-name.json");
        assertThat(p.path()).isEqualTo("$.posts[0]['caption text']");
        assertThat(p.message()).startsWith("unknown field 'caption text'");
    }

    @Test
    void unknownFieldsOfAPostThatHasEveryOtherFieldAreRejectedAtTheirPaths() {
        // Jackson buffers a record's unknown fields and hands them over once the record is
        // complete; the paths must still name the post, not wherever the parser has got to.
        assertThat(problemsOf("unknown-fields-in-complete-post.json"))
                .extracting(Problem::path)
                .containsExactly("$.posts[0].captionn", "$.posts[0].publishedBy");
        assertThat(problemsOf("unknown-fields-in-complete-post.json").get(1).message())
                .contains("did you mean 'publishedAt'?");
    }

    // Required and blank values.

    @Test
    void aMissingReferenceIsRequired() {
        assertThat(onlyProblemOf("missing-reference.json")).isEqualTo(new Problem("$.reference", "is required"));
    }

    @Test
    void aBlankAgencyIsRejected() {
        assertThat(onlyProblemOf("blank-agency.json")).isEqualTo(new Problem("$.agency", "must not be blank"));
    }

    // Identity and references across the document.

    @Test
    void aDuplicatePostIdNamesBothPosts() {
        Problem p = onlyProblemOf("duplicate-post-id.json");
        assertThat(p.path()).isEqualTo("$.posts[1].id");
        assertThat(p.message()).isEqualTo("duplicate post id 'p1' (also at $.posts[0])");
    }

    @Test
    void aDuplicateInfluencerHandleNamesBothInfluencers() {
        Problem p = onlyProblemOf("duplicate-influencer-handle.json");
        assertThat(p.path()).isEqualTo("$.influencers[1].handle");
        assertThat(p.message()).isEqualTo("duplicate handle 'jane.doe' (also at $.influencers[0])");
    }

    @Test
    void aPostNamingAnUnknownInfluencerIsRejected() {
        Problem p = onlyProblemOf("unknown-influencer.json");
        assertThat(p.path()).isEqualTo("$.posts[0].influencer");
        assertThat(p.message()).isEqualTo("influencer 'jane.d0e' is not among the campaign's influencers");
    }

    // Numbers out of range.

    @Test
    void aNegativeFollowerCountIsRejectedWithTheValueSent() {
        Problem p = onlyProblemOf("negative-followers.json");
        assertThat(p.path()).isEqualTo("$.influencers[0].audience.followers");
        assertThat(p.message()).isEqualTo("must be greater than or equal to 0, found -120000");
    }

    @Test
    void aPercentageOverOneHundredIsRejectedWithTheValueSent() {
        Problem p = onlyProblemOf("percentage-over-100.json");
        assertThat(p.path()).isEqualTo("$.influencers[0].audience.suspectedFakeFollowersPct");
        assertThat(p.message()).isEqualTo("must be at most 100 (a percentage), found 120.5");
    }

    // Enums, dates and timestamps.

    @Test
    void anUnknownEnumValueListsTheAllowedValues() {
        Problem p = onlyProblemOf("bad-enum.json");
        assertThat(p.path()).isEqualTo("$.posts[0].platform");
        assertThat(p.message())
                .isEqualTo("'INSTAGRAMM' is not one of [INSTAGRAM, TIKTOK, YOUTUBE, X, FACEBOOK, LINKEDIN,"
                        + " PINTEREST, TWITCH, SNAPCHAT, BLOG, PODCAST, OTHER]");
    }

    @Test
    void aLowerCaseEnumValueIsRejectedWithTheUpperCaseSpelling() {
        Problem p = onlyProblemOf("lower-case-enum.json");
        assertThat(p.path()).isEqualTo("$.posts[0].platform");
        assertThat(p.message())
                .startsWith("'instagram' is not one of [INSTAGRAM, ")
                .endsWith("; values are written in upper case: 'INSTAGRAM'");
    }

    @Test
    void aDateNotInIsoFormIsRejected() {
        Problem p = onlyProblemOf("bad-date.json");
        assertThat(p.path()).isEqualTo("$.influencers[0].audience.verifiedOn");
        assertThat(p.message()).isEqualTo("'30/09/2026' is not a date (YYYY-MM-DD, e.g. 2026-09-30)");
    }

    @Test
    void aTimestampWithoutTimeZoneOrTIsRejected() {
        Problem p = onlyProblemOf("bad-timestamp.json");
        assertThat(p.path()).isEqualTo("$.submittedAt");
        assertThat(p.message())
                .isEqualTo("'2026-10-01 09:00' is not a timestamp (ISO-8601 with a time zone, e.g."
                        + " 2026-10-01T09:00:00Z)");
    }

    // Wrong JSON types are not converted.

    @Test
    void textWhereANumberIsExpectedIsNotConverted() {
        Problem p = onlyProblemOf("string-for-number.json");
        assertThat(p.path()).isEqualTo("$.influencers[0].audience.followers");
        assertThat(p.message()).isEqualTo("expected a whole number but found text \"120000\"");
    }

    @Test
    void aNumberWhereTextIsExpectedIsNotConverted() {
        Problem p = onlyProblemOf("number-for-string.json");
        assertThat(p.path()).isEqualTo("$.posts[0].text");
        assertThat(p.message()).isEqualTo("expected text but found the number 42");
    }

    // The JSON itself.

    @Test
    void duplicateKeysAreRejectedAtTheRepeatedKey() {
        Problem p = onlyProblemOf("duplicate-keys.json");
        assertThat(p.path()).isEqualTo("$.influencers[0].relationship.kind");
        assertThat(p.message())
                .isEqualTo("duplicate field 'kind' (line 10, column 41); a field may appear only once in an object");
    }

    @Test
    void malformedJsonIsRejectedWithItsLineAndColumn() {
        Problem p = onlyProblemOf("malformed.json");
        assertThat(p.path()).isEqualTo("$.reference");
        assertThat(p.message())
                .startsWith("not valid JSON: ")
                .contains("was expecting comma to separate Object entries")
                .endsWith("(line 4, column 3)");
    }

    @Test
    void aTruncatedDocumentIsRejectedAsCutOff() {
        Problem p = onlyProblemOf("truncated.json");
        assertThat(p.path()).isEqualTo("$.influencers[0].relationship");
        assertThat(p.message())
                .startsWith("the document is cut off before its end: ")
                .endsWith("(line 11, column 1)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"empty.json", "blank.json"})
    void anEmptyDocumentIsRejected(String file) {
        assertThat(onlyProblemOf(file))
                .isEqualTo(new Problem("$", "the document is empty; expected a campaign object"));
    }

    @Test
    void aDocumentThatIsNotAnObjectIsRejected() {
        assertThatThrownBy(() -> reader.read("[{\"formatVersion\": 1}]".getBytes()))
                .isInstanceOfSatisfying(InvalidCampaignException.class, e -> assertThat(e.problems())
                        .containsExactly(new Problem("$", "expected a campaign object but found a list")));
    }

    @Test
    void nestingDeeperThanTheLimitIsRejectedBeforeAnythingIsBound() {
        Problem p = onlyProblemOf("too-deep.json");
        // The path of the list that goes too deep: the root object, posts, posts[0] and frames
        // make four levels, so the 61st list nested in frames is the 65th level.
        assertThat(p.path()).isEqualTo("$.posts[0].frames" + "[0]".repeat(61));
        assertThat(p.message())
                .startsWith("nested deeper than " + CampaignReader.MAX_NESTING_DEPTH + " levels of objects and lists");
    }

    // Version and jurisdictions.

    @Test
    void formatVersionTwoIsNotRead() {
        assertThat(onlyProblemOf("format-version-2.json"))
                .isEqualTo(new Problem(
                        "$.formatVersion", "format version 2 is not supported; this service reads version 1"));
    }

    @Test
    void aLowerCaseJurisdictionIsRejected() {
        Problem p = onlyProblemOf("lower-case-jurisdiction.json");
        assertThat(p.path()).isEqualTo("$.jurisdictions[1]");
        assertThat(p.message()).isEqualTo("must be an upper-case ISO 3166 code such as US, UK, FR or EU, found 'uk'");
    }

    // Nothing stops at the first problem.

    @Test
    void aDocumentWithSeveralProblemsListsEveryOneOfThem() {
        List<Problem> problems = problemsOf("several-problems.json");
        assertThat(problems)
                .extracting(Problem::path)
                .containsExactly(
                        "$.agency",
                        "$.brandName",
                        "$.influencers[0].audience.followers",
                        "$.influencers[0].audience.verifiedOn",
                        "$.posts[0].captionn",
                        "$.posts[1].id",
                        "$.posts[1].influencer",
                        "$.productCategory",
                        "$.reference");
        assertThat(problems)
                .extracting(Problem::message)
                .contains(
                        "must not be blank",
                        "must be greater than or equal to 0, found -5",
                        "'2026-13-01' is not a date (YYYY-MM-DD, e.g. 2026-09-30)",
                        "duplicate post id 'p1' (also at $.posts[0])",
                        "influencer 'ghost' is not among the campaign's influencers",
                        "is required");
    }

    @Test
    void theExceptionMessageCountsTheProblemsAndShowsTheFirst() {
        InvalidCampaignException e = catchThrowableOfType(
                InvalidCampaignException.class, () -> reader.read(INVALID.resolve("several-problems.json")));
        assertThat(e.getMessage()).isEqualTo("9 problems, first: $.agency: must not be blank");
    }

    static Stream<Path> invalidFiles() throws IOException {
        try (Stream<Path> files = Files.list(INVALID)) {
            return files.sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("invalidFiles")
    void messagesSpeakJsonNotJava(Path file) {
        InvalidCampaignException e = catchThrowableOfType(InvalidCampaignException.class, () -> reader.read(file));
        assertThat(e).as("%s must be rejected", file).isNotNull();
        for (Problem p : e.problems()) {
            assertThat(p.path()).startsWith("$");
            assertThat(p.message())
                    .as("%s", p)
                    .isNotBlank()
                    .doesNotContain("org.candor", "java.", "com.fasterxml", "jackson", "Jackson")
                    .doesNotContain("`", "${", "CoercionConfig", "Feature", "StreamReadConstraints")
                    .doesNotContain("Cannot deserialize", "Cannot construct", "coerce");
        }
    }

    // The three ways in, and parse without the content checks.

    @Test
    void bytesStreamsAndFilesAreReadAlike() throws IOException {
        Path file = INVALID.resolve("several-problems.json");
        byte[] bytes = Files.readAllBytes(file);
        List<Problem> fromFile = catchThrowableOfType(InvalidCampaignException.class, () -> reader.read(file))
                .problems();
        List<Problem> fromBytes = catchThrowableOfType(InvalidCampaignException.class, () -> reader.read(bytes))
                .problems();
        List<Problem> fromStream = catchThrowableOfType(
                        InvalidCampaignException.class, () -> reader.read(new ByteArrayInputStream(bytes)))
                .problems();
        assertThat(fromBytes).isEqualTo(fromFile);
        assertThat(fromStream).isEqualTo(fromFile);
    }

    @Test
    void parseReportsProblemsOfTheJsonButLeavesTheContentChecksToTheValidator() throws IOException {
        try (var in = Files.newInputStream(INVALID.resolve("missing-reference.json"))) {
            Campaign c = reader.parse(in);
            assertThat(c.reference()).isNull();
            assertThat(new CampaignValidator().validate(c)).containsExactly(new Problem("$.reference", "is required"));
        }
        try (var in = Files.newInputStream(INVALID.resolve("several-problems.json"))) {
            assertThatThrownBy(() -> reader.parse(in))
                    .isInstanceOfSatisfying(InvalidCampaignException.class, e -> assertThat(e.problems())
                            .extracting(Problem::path)
                            .containsExactly(
                                    "$.brandName",
                                    "$.influencers[0].audience.verifiedOn",
                                    "$.posts[0].captionn",
                                    "$.productCategory"));
        }
    }
}
