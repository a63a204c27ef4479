/**
 * Excel reports (SPEC section 7): one workbook per evaluation ({@link org.candor.report.ExcelReportWriter})
 * and a portfolio workbook for managers ({@link org.candor.report.PortfolioReportWriter}).
 *
 * <p>The writers only lay out what an {@link org.candor.evaluation.EvaluationResult} says; they
 * decide nothing. Text from submissions always goes in as a plain string cell, never a formula;
 * text that a spreadsheet would read as a formula when edited (it starts with {@code = + - @}, a
 * tab or a carriage return) also gets a quote-prefixed style. Days and times are date cells (ISO-8601 formats); times are UTC, to the
 * second.
 */
package org.candor.report;
