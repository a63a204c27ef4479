package org.candor.campaign;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ScratchDumpTest {
    @Test
    void dump() throws Exception {
        try (var s = Files.list(Path.of("src/test/resources/campaigns/invalid"))) {
            for (Path p : s.sorted().toList()) {
                System.out.println("### " + p.getFileName());
                try {
                    new CampaignReader().read(p);
                    System.out.println("   (accepted)");
                } catch (InvalidCampaignException e) {
                    e.problems().forEach(pr -> System.out.println("   " + pr));
                } catch (Exception e) {
                    System.out.println("   THROWN " + e);
                }
            }
        }
    }
}
