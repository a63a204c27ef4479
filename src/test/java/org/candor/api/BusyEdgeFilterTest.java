package org.candor.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.mock.web.MockHttpServletRequest;

/** Which requests the busy edge refuses while every evaluation place is taken: those that take one. */
class BusyEdgeFilterTest {

    @ParameterizedTest(name = "{0} {2} (context path ''{1}''): {3}")
    @CsvSource({
        "POST, '', /api/v1/evaluations, true",
        "POST, '', /api/v1/evaluations/0190a1b2-c3d4/reevaluate, true",
        "POST, '', /api/v1/evaluations/x/reevaluate, true",
        "POST, /candor, /candor/api/v1/evaluations, true",
        "POST, /candor, /candor/api/v1/evaluations/e1/reevaluate, true",
        "GET, '', /api/v1/evaluations, false",
        "GET, '', /api/v1/evaluations/e1, false",
        "PUT, '', /api/v1/evaluations, false",
        "POST, '', /api/v1/evaluations/, false",
        "POST, '', /api/v1/evaluationsx, false",
        "POST, '', /api/v1/evaluations/reevaluate, false",
        "POST, '', /api/v1/evaluations/evaluate, false",
        "POST, '', /api/v1/evaluation/x/reevaluate, false",
        "POST, '', /api/v1/evaluations//reevaluate, false",
        "POST, '', /api/v1/evaluations/a/b/reevaluate, false",
        "POST, '', /api/v1/evaluations/e1/waivers, false",
        "POST, '', /api/v1/evaluations/e1/reevaluate/x, false",
        "POST, '', /api/v1/rules/impact, false",
    })
    void takesAPlace(String method, String contextPath, String uri, boolean expected) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, uri);
        request.setContextPath(contextPath);
        assertThat(BusyEdgeFilter.takesAPlace(request)).isEqualTo(expected);
    }
}
