package org.candor.rules.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PhrasePatternsTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = ';',
            value = {
                "(^|[^a-z])lost (\\d+) kg\\1 ; invalid escape sequence",
                "lost(?= kg)                 ; invalid or unsupported Perl syntax",
                "(?<!not )lost               ; invalid named capture",
                "[0-9]++ kg                  ; invalid nested repetition operator",
                "lost [0-9 kg                ; missing closing ]",
                "a{2,1}                      ; invalid repeat count"
            })
    void constructsTheLinearTimeEngineCannotRunAreRefusedWithTheReason(String regex, String reason) {
        assertThatThrownBy(() -> PhrasePatterns.compile(regex))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not a valid pattern: " + reason);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "(a{100}){100}",
                "(x{999}|y{999})z{999}(w{999}|v{999})",
                "((a{1000}){1000}){1000}",
                "((ab){40}){40}"
            })
    void aPatternTooLargeOnceCompiledIsRefused(String regex) {
        assertThatThrownBy(() -> PhrasePatterns.compile(regex))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("too large");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "(^|[^a-z])lost [0-9]+([.,][0-9]+)? ?(kg|kilos?|lbs?|pounds|stone)([^a-z]|$)",
                "[$€£] ?[0-9][0-9,.]*k? (a|per|in a|in one|every) (day|week|month)([^a-z]|$)"
            })
    void theDefaultPatternsCompileAndIgnoreCase(String regex) {
        assertThat(PhrasePatterns.compile(regex)
                        .matcher("I LOST 5 KG! $10 a DAY")
                        .find())
                .isTrue();
    }

    @org.junit.jupiter.api.Test
    void aVeryLongPatternIsRefused() {
        assertThatThrownBy(() -> PhrasePatterns.compile("a".repeat(PhrasePatterns.MAX_LENGTH + 1)))
                .hasMessageContaining("characters");
    }
}
