package org.candor.web;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.candor.evaluation.Verdict;
import org.candor.intake.SubmissionStore.VerdictAt;

/**
 * Verdicts over time as a small stacked bar chart, drawn on the server as SVG: one bar per day,
 * week or month (whichever keeps the bars at {@value #MAX_BARS} or fewer), passes below and
 * failures above, in the chart's own units of {@value #WIDTH} by {@value #HEIGHT}.
 */
public record VerdictChart(String unit, List<Bar> bars, int max, List<Tick> ticks) {
    static final int WIDTH = 600;
    static final int HEIGHT = 180;
    static final int MAX_BARS = 31;
    private static final int LEFT = 32;
    private static final int BOTTOM = 24;
    private static final int TOP = 8;

    /** One period: its label, counts and the rectangles of its two parts. */
    public record Bar(
            String label, int pass, int fail, int x, int width, int passY, int passHeight, int failY, int failHeight) {
        public String title() {
            return label + ": " + pass + " pass, " + fail + " fail";
        }
    }

    /** A line across the chart at a count. */
    public record Tick(int value, int y) {}

    public int width() {
        return WIDTH;
    }

    public int height() {
        return HEIGHT;
    }

    public int left() {
        return LEFT;
    }

    public int baseline() {
        return HEIGHT - BOTTOM;
    }

    public boolean isEmpty() {
        return bars.isEmpty();
    }

    static VerdictChart of(List<VerdictAt> verdicts) {
        if (verdicts.isEmpty()) {
            return new VerdictChart("day", List.of(), 0, List.of());
        }
        LocalDate first = day(verdicts.get(0));
        LocalDate last = day(verdicts.get(verdicts.size() - 1));
        long days = ChronoUnit.DAYS.between(first, last) + 1;
        String unit = days <= MAX_BARS ? "day" : days <= MAX_BARS * 7L ? "week" : "month";
        // Every period from the first to the last, empty ones included, so time reads evenly.
        Map<LocalDate, int[]> counts = new TreeMap<>();
        for (LocalDate d = period(first, unit); !d.isAfter(last); d = next(d, unit)) {
            counts.put(d, new int[2]);
        }
        for (VerdictAt v : verdicts) {
            counts.computeIfAbsent(period(day(v), unit), k -> new int[2])[v.verdict() == Verdict.PASS ? 0 : 1]++;
        }
        int max = counts.values().stream().mapToInt(c -> c[0] + c[1]).max().orElse(1);
        int plotHeight = HEIGHT - BOTTOM - TOP;
        int plotWidth = WIDTH - LEFT;
        int slot = plotWidth / counts.size();
        int barWidth = Math.max(2, slot * 7 / 10);
        List<Bar> bars = new ArrayList<>();
        int i = 0;
        for (Map.Entry<LocalDate, int[]> e : counts.entrySet()) {
            int pass = e.getValue()[0];
            int fail = e.getValue()[1];
            int passH = pass * plotHeight / max;
            int failH = fail * plotHeight / max;
            int base = HEIGHT - BOTTOM;
            int x = LEFT + i * slot + (slot - barWidth) / 2;
            bars.add(new Bar(
                    label(e.getKey(), unit),
                    pass,
                    fail,
                    x,
                    barWidth,
                    base - passH,
                    passH,
                    base - passH - failH,
                    failH));
            i++;
        }
        List<Tick> ticks = new ArrayList<>();
        for (int value : new int[] {0, max / 2, max}) {
            if (ticks.stream().noneMatch(t -> t.value() == value)) {
                ticks.add(new Tick(value, HEIGHT - BOTTOM - value * plotHeight / max));
            }
        }
        return new VerdictChart(unit, bars, max, ticks);
    }

    private static LocalDate day(VerdictAt v) {
        return v.at().atOffset(ZoneOffset.UTC).toLocalDate();
    }

    private static LocalDate period(LocalDate d, String unit) {
        return switch (unit) {
            case "day" -> d;
            case "week" -> d.with(TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY));
            default -> d.withDayOfMonth(1);
        };
    }

    private static LocalDate next(LocalDate d, String unit) {
        return switch (unit) {
            case "day" -> d.plusDays(1);
            case "week" -> d.plusWeeks(1);
            default -> d.plusMonths(1);
        };
    }

    private static String label(LocalDate d, String unit) {
        return unit.equals("month") ? d.toString().substring(0, 7) : d.toString();
    }
}
