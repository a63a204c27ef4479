package org.candor.checking;

import org.candor.campaign.CampaignReader;
import org.candor.campaign.workbook.WorkbookCampaignReader;
import org.candor.evaluation.Evaluator;
import org.candor.report.ExcelReportWriter;
import org.candor.report.PortfolioReportWriter;
import org.candor.system.CandorProperties;
import org.candor.system.EvaluationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The service's readers, evaluator and report writers, built by {@link CheckParts} from its settings. */
@Configuration(proxyBeanMethods = false)
class CheckingConfiguration {

    @Bean
    CheckParts checkParts(CandorProperties candor, EvaluationProperties evaluation) {
        return CheckParts.forService(candor.maxPosts(), evaluation.bounds());
    }

    @Bean
    Evaluator evaluator(CheckParts parts) {
        return parts.evaluator();
    }

    @Bean
    CampaignReader campaignReader(CheckParts parts) {
        return parts.campaignReader();
    }

    @Bean
    ExcelReportWriter excelReportWriter() {
        return CheckParts.reportWriter();
    }

    @Bean
    PortfolioReportWriter portfolioReportWriter() {
        return new PortfolioReportWriter();
    }

    @Bean
    WorkbookCampaignReader workbookCampaignReader(CheckParts parts) {
        return parts.workbookReader();
    }
}
