package org.candor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * The packages under {@code org.candor} are the service's capabilities (Spring Modulith's
 * application modules): they depend on each other without cycles, and only through a module's
 * own package or a sub-package it names as an interface ({@code @NamedInterface}).
 */
class ModularityTest {

    static final ApplicationModules MODULES = ApplicationModules.of(CandorApplication.class);

    @Test
    void capabilitiesDependOnEachOtherWithoutCyclesAndOnlyThroughWhatTheyExpose() {
        MODULES.verify();
    }

    @Test
    void theCampaignFormatDependsOnNothingTheRulesOnItAndOnNotificationsTheEvaluationOnCampaignAndRules() {
        assertThat(dependencies("campaign")).isEmpty();
        assertThat(dependencies("rules")).containsExactlyInAnyOrder("campaign", "notify");
        assertThat(dependencies("evaluation")).containsExactlyInAnyOrder("campaign", "rules");
    }

    @Test
    void theModuleMapIsWrittenForTheBuild() {
        new Documenter(MODULES).writeModulesAsPlantUml();
    }

    private static Set<String> dependencies(String name) {
        ApplicationModule module = MODULES.getModuleByName(name).orElseThrow();
        return module.getDirectDependencies(MODULES)
                .uniqueModules()
                .map(ApplicationModule::getName)
                .collect(Collectors.toSet());
    }
}
