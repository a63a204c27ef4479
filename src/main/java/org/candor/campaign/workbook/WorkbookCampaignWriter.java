package org.candor.campaign.workbook;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.candor.campaign.Campaign;

/**
 * Writes a campaign as a filled-in {@link CampaignTemplate}: the template's sheets, formats and
 * dropdowns, with the campaign's rows; {@link WorkbookCampaignReader} reads it back to an equal
 * campaign. Text is written as text cells, never formulas.
 *
 * <p>One thing a workbook cannot hold: text longer than a cell does (32,767 characters), which is
 * refused with an {@link IllegalArgumentException} naming the cell. Empty objects ({@code "audience":
 * {}}) read back as absent, since they leave no cell filled.
 */
public final class WorkbookCampaignWriter {

    public void write(Campaign campaign, OutputStream out) throws IOException {
        try (XSSFWorkbook workbook = new XSSFWorkbook()) {
            TemplateWorkbook template = new TemplateWorkbook(workbook);
            Map<String, List<Map<String, Object>>> rows = CampaignRows.of(campaign);
            for (Layout.Sheet sheet : Layout.SHEETS) {
                template.fill(sheet.name(), rows.get(sheet.name()));
            }
            workbook.write(out);
        }
    }
}
