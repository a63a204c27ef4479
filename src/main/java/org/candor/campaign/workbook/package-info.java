/**
 * Campaigns submitted as Excel workbooks (SPEC section 3): the template agencies fill in ({@link
 * org.candor.campaign.workbook.CampaignTemplate}), the reader that maps a workbook one-to-one onto format v1
 * and validates it like JSON, reporting every problem at its cell ({@link
 * org.candor.campaign.workbook.WorkbookCampaignReader}), and the writer that fills the template with a
 * campaign ({@link org.candor.campaign.workbook.WorkbookCampaignWriter}).
 *
 * <p>Uploaded workbooks are untrusted: they are read with POI's zip limits, streamed through a SAX
 * parser that refuses DOCTYPEs, capped in rows, text and time, and never calculated.
 */
@NamedInterface("workbook")
package org.candor.campaign.workbook;

import org.springframework.modulith.NamedInterface;
