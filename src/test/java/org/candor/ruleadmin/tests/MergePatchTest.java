package org.candor.ruleadmin.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** JSON Merge Patch as RFC 7386 defines it, on the cases its rules make distinct. */
class MergePatchTest {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);

    private static JsonNode json(String text) throws Exception {
        return MAPPER.readTree(text.replace('\'', '"'));
    }

    @ParameterizedTest(name = "{0} patched with {1} is {2}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                // a member replaced, added, removed
                "{'a':'b'}                 | {'a':'c'}            | {'a':'c'}",
                "{'a':'b'}                 | {'b':'c'}            | {'a':'b','b':'c'}",
                "{'a':'b'}                 | {'a':null}           | {}",
                "{'a':'b','b':'c'}         | {'a':null}           | {'b':'c'}",
                // arrays are replaced whole, whatever they hold
                "{'a':['b']}               | {'a':'c'}            | {'a':'c'}",
                "{'a':'c'}                 | {'a':['b']}          | {'a':['b']}",
                "{'a':[{'b':'c'}]}         | {'a':[1]}            | {'a':[1]}",
                "{'a':[1,2]}               | {'a':[{'b':null}]}   | {'a':[{'b':null}]}",
                // objects merge recursively; nulls inside a new object are dropped
                "{'a':{'b':'c'}}           | {'a':{'b':'d','c':null}} | {'a':{'b':'d'}}",
                "{'e':null}                | {'a':1}              | {'e':null,'a':1}",
                "{'a':'b'}                 | {'a':{'bb':{'ccc':null}}} | {'a':{'bb':{}}}",
                // a patch that is not an object replaces the target
                "['a','b']                 | ['c','d']            | ['c','d']",
                "{'a':'b'}                 | ['c']                | ['c']",
                "{'a':'foo'}               | 'bar'                | 'bar'",
                "[1,2]                     | {'a':'b','c':null}   | {'a':'b'}",
            })
    void appliesAsTheRfcSays(String target, String patch, String expected) throws Exception {
        assertThat(MergePatch.apply(json(target), json(patch))).isEqualTo(json(expected));
    }

    @Test
    void neitherArgumentChangesAndNumbersKeepTheirForm() throws Exception {
        JsonNode target = json("{'audience':{'engagementRate':3.10,'followers':48000},'posts':[{'id':'p1'}]}");
        JsonNode patch = json("{'audience':{'engagementRate':12.0},'posts':[{'id':'p2'}]}");
        String targetBefore = target.toString();
        String patchBefore = patch.toString();
        JsonNode merged = MergePatch.apply(target, patch);
        assertThat(merged.toString())
                .isEqualTo("{\"audience\":{\"engagementRate\":12.0,\"followers\":48000},\"posts\":[{\"id\":\"p2\"}]}");
        assertThat(target.toString()).isEqualTo(targetBefore).contains("3.10");
        assertThat(patch.toString()).isEqualTo(patchBefore);
        ((com.fasterxml.jackson.databind.node.ObjectNode) merged.get("audience")).put("followers", 1);
        assertThat(target.path("audience").path("followers").asInt()).isEqualTo(48000);
    }

    @Test
    void aNullTargetIsTakenAsAbsent() throws Exception {
        assertThat(MergePatch.apply(null, json("{'a':{'b':null,'c':1}}"))).isEqualTo(json("{'a':{'c':1}}"));
    }
}
