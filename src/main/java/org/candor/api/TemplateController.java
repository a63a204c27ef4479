package org.candor.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.candor.campaign.workbook.CampaignTemplate;
import org.candor.system.Attachments;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The campaign workbook agencies fill in and upload. */
@RestController
@Tag(name = "Templates")
class TemplateController {

    @Operation(summary = "The campaign template (.xlsx): one sheet per part of format v1, dropdowns, an example")
    @GetMapping("/api/v1/templates/campaign.xlsx")
    ResponseEntity<byte[]> campaign() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new CampaignTemplate().write(out);
        return Attachments.xlsx(CampaignTemplate.FILE_NAME, out.toByteArray());
    }
}
