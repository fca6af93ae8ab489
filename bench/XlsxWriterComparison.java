import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * Times the two streaming XLSX writers the project could use, on the same rows (an integer, a decimal, a date
 * and a string per row), writing to a file. Run: bench/xlsx-writers [ROWS]. Reports rows per second and file size.
 */
public class XlsxWriterComparison {
    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 500_000;
        for (int round = 0; round < 2; round++) {
            report("fastexcel", rows, fastexcel(rows));
            report("POI SXSSF", rows, poi(rows));
        }
    }

    static long[] fastexcel(int rows) throws Exception {
        Path file = Files.createTempFile("fastexcel", ".xlsx");
        long start = System.nanoTime();
        try (OutputStream out = Files.newOutputStream(file)) {
            Workbook workbook = new Workbook(out, "bench", "1.0");
            Worksheet sheet = workbook.newWorksheet("Sheet1");
            for (int r = 0; r < rows; r++) {
                sheet.value(r, 0, r);
                sheet.value(r, 1, new java.math.BigDecimal(r).movePointLeft(2));
                sheet.value(r, 2, LocalDate.ofEpochDay(r % 20000));
                sheet.style(r, 2).format("yyyy-mm-dd").set();
                sheet.value(r, 3, "region-" + (r % 97));
                if (r % 1000 == 999) {
                    sheet.flush();
                }
            }
            workbook.finish();
        }
        return done(file, start);
    }

    static long[] poi(int rows) throws Exception {
        Path file = Files.createTempFile("poi", ".xlsx");
        long start = System.nanoTime();
        try (SXSSFWorkbook workbook = new SXSSFWorkbook(100); OutputStream out = Files.newOutputStream(file)) {
            org.apache.poi.ss.usermodel.Sheet sheet = workbook.createSheet("Sheet1");
            org.apache.poi.ss.usermodel.CellStyle date = workbook.createCellStyle();
            date.setDataFormat(workbook.getCreationHelper().createDataFormat().getFormat("yyyy-mm-dd"));
            for (int r = 0; r < rows; r++) {
                org.apache.poi.ss.usermodel.Row row = sheet.createRow(r);
                row.createCell(0).setCellValue(r);
                row.createCell(1).setCellValue(r / 100.0);
                org.apache.poi.ss.usermodel.Cell cell = row.createCell(2);
                cell.setCellValue(LocalDate.ofEpochDay(r % 20000));
                cell.setCellStyle(date);
                row.createCell(3).setCellValue("region-" + (r % 97));
            }
            workbook.write(out);
            workbook.dispose();
        }
        return done(file, start);
    }

    static long[] done(Path file, long start) throws Exception {
        long nanos = System.nanoTime() - start;
        long size = Files.size(file);
        Files.delete(file);
        return new long[] {nanos, size};
    }

    static void report(String name, int rows, long[] result) {
        System.out.printf("%-10s %,d rows in %.2f s: %,.0f rows/s, %,d bytes%n", name, rows, result[0] / 1e9,
                rows / (result[0] / 1e9), result[1]);
    }
}
