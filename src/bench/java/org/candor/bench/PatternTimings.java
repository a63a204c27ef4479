package org.candor.bench;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.candor.evaluation.facts.PhraseMatcher;
import org.candor.evaluation.facts.TextIndex;
import org.candor.rules.RuleSet;
import org.candor.rules.RuleSetLoader;
import org.candor.rules.policy.Term;

/**
 * How long the pattern rows of the default pack take on long captions: the worst case per pattern
 * over random captions at the caption cap, and the caption {@code "#ad kg down " + "1" × N} that
 * made java.util.regex backtrack, with RE2/J (what runs) and java.util.regex (what ran before,
 * stopped after a time limit since it may take minutes).
 *
 * <p>Arguments: random captions per cap (default 200), time limit in seconds of one
 * java.util.regex search (default 120).
 */
public final class PatternTimings {

    private PatternTimings() {}

    private static final String[] PIECES = {
        "1", "2", "7", "0", "12", "999", "1111111111", " ", "  ", "\n", ".", ",", "$", "€", "£", "k", "kg", "kilos",
        "lbs", "pounds", "stone", "lost ", "down", "gone", "earned ", "made ", "over ", "more than ", "a day", "per week",
        "in one month", "dropped ", "dress ", "size", "sizes", "perdu ", "pris ", "gagné ", "euros", "#ad ", "#", "😍",
        "é", "x", "-", "%"
    };

    public static void main(String[] args) throws Exception {
        int captions = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        long limitMs = (args.length > 1 ? Long.parseLong(args[1]) : 120) * 1000;
        RuleSet ruleSet = new RuleSetLoader().load(Packs.defaultPack());
        List<Term> patterns = ruleSet.policy().terms().stream()
                .filter(t -> t.meaning().isPattern())
                .toList();
        List<PhraseMatcher> matchers = patterns.stream()
                .map(t -> PhraseMatcher.of(List.of(t), x -> List.of(x.phrase())))
                .toList();
        // Warm-up, so the first measured searches are not interpreted code.
        SplittableRandom warm = new SplittableRandom(1);
        for (int i = 0; i < 50; i++) {
            TextIndex t = new TextIndex(caption(warm, 10_000));
            matchers.forEach(m -> m.find(t));
        }
        for (int cap : new int[] {10_000, 100_000}) {
            double[] worst = new double[matchers.size()];
            SplittableRandom random = new SplittableRandom(cap);
            for (int i = 0; i < captions; i++) {
                TextIndex text = new TextIndex(caption(random, cap));
                for (int p = 0; p < matchers.size(); p++) {
                    long t0 = System.nanoTime();
                    matchers.get(p).find(text);
                    worst[p] = Math.max(worst[p], (System.nanoTime() - t0) / 1e6);
                }
            }
            System.out.printf(Locale.ROOT, "random captions of %,d characters (%d), worst ms per pattern:%n", cap, captions);
            for (int p = 0; p < matchers.size(); p++) {
                System.out.printf(Locale.ROOT, "  %8.2f  %s%n", worst[p], patterns.get(p).phrase());
            }
        }
        for (int n : new int[] {10_000, 20_000, 100_000}) {
            String caption = "#ad kg down " + "1".repeat(n);
            TextIndex text = new TextIndex(caption);
            double after = 0;
            for (PhraseMatcher m : matchers) {
                long t0 = System.nanoTime();
                m.find(text);
                after += (System.nanoTime() - t0) / 1e6;
            }
            StringBuilder before = new StringBuilder();
            double beforeTotal = 0;
            boolean stopped = false;
            for (Term t : patterns) {
                java.util.regex.Pattern p = java.util.regex.Pattern.compile(
                        t.phrase(), java.util.regex.Pattern.CASE_INSENSITIVE | java.util.regex.Pattern.UNICODE_CASE);
                long t0 = System.nanoTime();
                boolean stoppedHere = false;
                try {
                    java.util.regex.Matcher m = p.matcher(new Deadline(text.folded(), t0 + limitMs * 1_000_000));
                    while (m.find()) {
                        // every match, as the matcher searched them
                    }
                } catch (Deadline.Passed e) {
                    stoppedHere = true;
                    stopped = true;
                }
                double ms = (System.nanoTime() - t0) / 1e6;
                beforeTotal += ms;
                if (ms > 100) {
                    before.append(String.format(Locale.ROOT, "%n    %.0f ms%s  %s", ms, stoppedHere ? " (stopped)" : "", t.phrase()));
                }
            }
            System.out.printf(
                    Locale.ROOT,
                    "'#ad kg down ' + '1' x %,d: RE2/J %.2f ms (all %d patterns); java.util.regex %.0f ms%s%s%n",
                    n,
                    after,
                    patterns.size(),
                    beforeTotal,
                    stopped ? " or more (stopped at the time limit)" : "",
                    before);
        }
        RuleSetLoader.dispose(ruleSet);
    }

    private static String caption(SplittableRandom random, int length) {
        StringBuilder sb = new StringBuilder(length + 16);
        while (sb.length() < length) {
            if (random.nextInt(8) == 0) {
                String c = new String[] {"1", "9", " ", "k", "$"}[random.nextInt(5)];
                sb.append(c.repeat(1 + random.nextInt(Math.max(1, length / 4))));
            } else {
                sb.append(PIECES[random.nextInt(PIECES.length)]);
            }
        }
        int end = Character.isHighSurrogate(sb.charAt(length - 1)) ? length - 1 : length;
        return sb.substring(0, end);
    }

    /** A text that stops a search running past a deadline: java.util.regex reads it through charAt. */
    private static final class Deadline implements CharSequence {
        static final class Passed extends RuntimeException {
            Passed() {
                super(null, null, false, false);
            }
        }

        private final String text;
        private final long deadline;
        private int reads;

        Deadline(String text, long deadline) {
            this.text = text;
            this.deadline = deadline;
        }

        @Override
        public char charAt(int index) {
            if ((++reads & 0xFFFFF) == 0 && System.nanoTime() > deadline) {
                throw new Passed();
            }
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return text.subSequence(start, end);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
