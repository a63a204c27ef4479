package org.candor.report;

import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xddf.usermodel.XDDFColor;
import org.apache.poi.xddf.usermodel.XDDFSolidFillProperties;
import org.apache.poi.xddf.usermodel.chart.AxisCrossBetween;
import org.apache.poi.xddf.usermodel.chart.AxisCrosses;
import org.apache.poi.xddf.usermodel.chart.AxisOrientation;
import org.apache.poi.xddf.usermodel.chart.AxisPosition;
import org.apache.poi.xddf.usermodel.chart.BarDirection;
import org.apache.poi.xddf.usermodel.chart.ChartTypes;
import org.apache.poi.xddf.usermodel.chart.LegendPosition;
import org.apache.poi.xddf.usermodel.chart.XDDFBarChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFCategoryAxis;
import org.apache.poi.xddf.usermodel.chart.XDDFChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFDataSource;
import org.apache.poi.xddf.usermodel.chart.XDDFDataSourcesFactory;
import org.apache.poi.xddf.usermodel.chart.XDDFValueAxis;
import org.apache.poi.xssf.usermodel.XSSFChart;
import org.apache.poi.xssf.usermodel.XSSFDrawing;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.candor.campaign.workbook.Print;
import org.candor.report.PortfolioStats.CategoryTally;
import org.candor.report.PortfolioStats.Group;
import org.candor.report.PortfolioStats.MonthTally;
import org.candor.report.PortfolioStats.RuleTally;
import org.candor.report.Table.Column;

/**
 * The {@code Charts} sheet of the portfolio workbook: native Excel charts whose series refer to
 * the cells of the other sheets (and carry their values, so viewers show them without
 * recalculating). Verdicts by month, findings by rule, findings by category (whose small table is
 * on this sheet) and pass rate by agency. A chart without data is left out.
 */
final class PortfolioCharts {

    /** Where the charts start, right of the category table. */
    private static final int FIRST_COLUMN = 3;

    /** The charts are laid out two to a row. */
    private static final int PER_ROW = 2;

    private static final int WIDTH_COLUMNS = 9;
    private static final int HEIGHT_ROWS = 18;
    private static final int GAP = 1;

    /** Series colours, RGB: verdicts as the sheets colour them, counts in one blue. */
    static final String PASS_COLOUR = "70AD47";

    static final String FAIL_COLOUR = "E0474C";
    static final String WARN_COLOUR = "FFC000";
    static final String COUNT_COLOUR = "4472C4";

    private PortfolioCharts() {}

    static void write(XSSFSheet sheet, CellWriter cells, PortfolioStats stats) {
        List<CategoryTally> categories = stats.byCategory();
        Table table = new Table(sheet, cells, PortfolioReportWriter.CATEGORY_COLUMNS);
        for (CategoryTally c : categories) {
            table.line(Fill.NONE).text(c.category().name()).number(c.findings());
        }
        table.finish();
        Print.onePageLandscape(sheet);

        XSSFDrawing drawing = sheet.createDrawingPatriarch();
        int[] slot = {0};
        String month = PortfolioReportWriter.SHEETS.get(2);
        List<MonthTally> months = stats.byMonth();
        if (!months.isEmpty()) {
            XSSFChart chart = chart(drawing, slot, PortfolioReportWriter.CHART_TITLES.get(0));
            XDDFBarChartData data = bars(chart, true);
            XDDFDataSource<String> axis =
                    categories(month, 0, months, m -> m.month().toString());
            series(data, axis, month, 3, months, MonthTally::passed, PASS_COLOUR);
            series(data, axis, month, 4, months, MonthTally::failed, FAIL_COLOUR);
            series(data, axis, month, 5, months, MonthTally::warnings, WARN_COLOUR);
            chart.plot(data);
        }
        String top = PortfolioReportWriter.SHEETS.get(5);
        List<RuleTally> rules = stats.topFindings();
        if (!rules.isEmpty()) {
            XSSFChart chart = chart(drawing, slot, PortfolioReportWriter.CHART_TITLES.get(1));
            XDDFBarChartData data = bars(chart, false);
            series(
                    data,
                    categories(top, 0, rules, RuleTally::ruleId),
                    top,
                    3,
                    rules,
                    RuleTally::findings,
                    COUNT_COLOUR);
            chart.plot(data);
        }
        String charts = sheet.getSheetName();
        if (!categories.isEmpty()) {
            XSSFChart chart = chart(drawing, slot, PortfolioReportWriter.CHART_TITLES.get(2));
            XDDFBarChartData data = bars(chart, false);
            series(
                    data,
                    categories(charts, 0, categories, c -> c.category().name()),
                    charts,
                    1,
                    categories,
                    CategoryTally::findings,
                    COUNT_COLOUR);
            chart.plot(data);
        }
        String agency = PortfolioReportWriter.SHEETS.get(3);
        List<Group> agencies = stats.byAgency();
        if (!agencies.isEmpty()) {
            XSSFChart chart = chart(drawing, slot, PortfolioReportWriter.CHART_TITLES.get(3));
            XDDFBarChartData data = bars(chart, false);
            XDDFValueAxis rate = (XDDFValueAxis) data.getValueAxes().get(0);
            rate.setMinimum(0);
            rate.setMaximum(1);
            rate.setNumberFormat("0%");
            series(
                    data,
                    categories(agency, 0, agencies, Group::name),
                    agency,
                    4,
                    agencies,
                    g -> g.passRate(),
                    PASS_COLOUR);
            chart.plot(data);
        }
    }

    private static XSSFChart chart(XSSFDrawing drawing, int[] slot, String title) {
        int n = slot[0]++;
        int top = n / PER_ROW * (HEIGHT_ROWS + GAP);
        int left = FIRST_COLUMN + n % PER_ROW * (WIDTH_COLUMNS + GAP);
        XSSFChart chart = drawing.createChart(
                drawing.createAnchor(0, 0, 0, 0, left, top, left + WIDTH_COLUMNS, top + HEIGHT_ROWS));
        chart.setTitleText(title);
        chart.setTitleOverlay(false);
        return chart;
    }

    /**
     * Column bars over a category axis.
     *
     * @param reversed whether the rows run newest first, so the axis is drawn the other way round
     *     and time reads from left to right
     */
    private static XDDFBarChartData bars(XSSFChart chart, boolean reversed) {
        chart.getOrAddLegend().setPosition(LegendPosition.BOTTOM);
        XDDFCategoryAxis x = chart.createCategoryAxis(AxisPosition.BOTTOM);
        XDDFValueAxis y = chart.createValueAxis(AxisPosition.LEFT);
        x.setCrosses(AxisCrosses.AUTO_ZERO);
        if (reversed) {
            x.setOrientation(AxisOrientation.MAX_MIN);
            // The value axis crosses at the last category, which a reversed axis draws on the left.
            y.setCrosses(AxisCrosses.MAX);
        } else {
            y.setCrosses(AxisCrosses.AUTO_ZERO);
        }
        y.setCrossBetween(AxisCrossBetween.BETWEEN);
        y.getOrAddMajorGridProperties();
        XDDFBarChartData data = (XDDFBarChartData) chart.createData(ChartTypes.BAR, x, y);
        data.setBarDirection(BarDirection.COL);
        data.setVaryColors(false);
        return data;
    }

    private static <T> XDDFDataSource<String> categories(
            String sheet, int column, List<T> rows, Function<T, String> value) {
        String[] values = rows.stream().map(value).map(Cells::text).toArray(String[]::new);
        return XDDFDataSourcesFactory.fromArray(values, range(sheet, column, rows.size()));
    }

    /** One series of the values in a column of a table sheet, titled by that column's header. */
    private static <T> void series(
            XDDFChartData data,
            XDDFDataSource<String> categories,
            String sheet,
            int column,
            List<T> rows,
            ToDoubleFunction<T> value,
            String rgb) {
        Double[] values = rows.stream().map(r -> value.applyAsDouble(r)).toArray(Double[]::new);
        XDDFChartData.Series series =
                data.addSeries(categories, XDDFDataSourcesFactory.fromArray(values, range(sheet, column, rows.size())));
        String header = header(sheet, column);
        series.setTitle(header, new CellReference(sheet, 0, column, true, true));
        series.setFillProperties(
                new XDDFSolidFillProperties(XDDFColor.from(HexFormat.of().parseHex(rgb))));
    }

    private static String header(String sheet, int column) {
        List<Column> columns =
                switch (PortfolioReportWriter.SHEETS.indexOf(sheet)) {
                    case 2 -> PortfolioReportWriter.MONTH_COLUMNS;
                    case 3 -> PortfolioReportWriter.AGENCY_COLUMNS;
                    case 5 -> PortfolioReportWriter.TOP_FINDING_COLUMNS;
                    default -> PortfolioReportWriter.CATEGORY_COLUMNS;
                };
        return columns.get(column).header();
    }

    /** The rows below a table's header in one column, as an absolute reference with the sheet. */
    private static String range(String sheet, int column, int rows) {
        return new CellRangeAddress(1, rows, column, column).formatAsString(sheet, true);
    }
}
