package org.candor.api;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/** Reads downloaded workbooks back with POI, as a person opening them would see the cells. */
public final class Workbooks {
    private static final DataFormatter FORMAT = new DataFormatter();

    private Workbooks() {}

    public static XSSFWorkbook open(byte[] bytes) throws IOException {
        return new XSSFWorkbook(new ByteArrayInputStream(bytes));
    }

    public static String text(Cell cell) {
        return cell == null ? "" : FORMAT.formatCellValue(cell);
    }

    /** A label/value sheet (column A the label, column B the value) as a map, in sheet order. */
    public static Map<String, String> labelValues(Sheet sheet) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Row row : sheet) {
            String label = text(row.getCell(0));
            if (!label.isEmpty()) {
                values.putIfAbsent(label, text(row.getCell(1)));
            }
        }
        return values;
    }

    /** A table sheet (a header row, then one row per item) as one map per row, keyed by header. */
    public static List<Map<String, String>> table(Sheet sheet) {
        Row header = sheet.getRow(0);
        List<String> names = new ArrayList<>();
        for (Cell c : header) {
            names.add(text(c));
        }
        List<Map<String, String>> rows = new ArrayList<>();
        for (int r = 1; r <= sheet.getLastRowNum(); r++) {
            Row row = sheet.getRow(r);
            if (row == null) {
                continue;
            }
            Map<String, String> values = new LinkedHashMap<>();
            for (int c = 0; c < names.size(); c++) {
                values.put(names.get(c), text(row.getCell(c)));
            }
            rows.add(values);
        }
        return rows;
    }
}
