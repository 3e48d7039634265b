package dev.promptloop.prompt;

import java.util.ArrayList;
import java.util.List;

/**
 * Two texts as a unified diff of their lines (as {@code diff -u} writes it, three lines of context), from a longest
 * common subsequence. Texts too long to compare line by line (their line counts multiply past a bound) come out as
 * every old line removed and every new line added, which is still a correct diff.
 */
public final class UnifiedDiff {

    private static final int CONTEXT = 3;
    private static final long MAX_CELLS = 4_000_000;

    private UnifiedDiff() {
    }

    /** The diff, or an empty text when both are the same. */
    public static String of(String before, String after, String beforeName, String afterName) {
        if (before.equals(after)) {
            return "";
        }
        List<String> a = lines(before);
        List<String> b = lines(after);
        List<Op> ops = (long) a.size() * b.size() > MAX_CELLS ? replaceAll(a, b) : compare(a, b);
        StringBuilder out = new StringBuilder("--- ").append(beforeName).append("\n+++ ").append(afterName)
                .append('\n');
        int i = 0;
        while (i < ops.size()) {
            if (ops.get(i).kind == ' ') {
                i++;
                continue;
            }
            int start = Math.max(0, i - CONTEXT);
            int end = i;
            int unchanged = 0;
            while (end < ops.size() && unchanged <= 2 * CONTEXT) {
                unchanged = ops.get(end).kind == ' ' ? unchanged + 1 : 0;
                end++;
            }
            end = Math.min(ops.size(), end - Math.max(0, unchanged - CONTEXT));
            hunk(out, ops.subList(start, end));
            i = end;
        }
        return out.toString();
    }

    private static void hunk(StringBuilder out, List<Op> ops) {
        int oldStart = ops.get(0).oldLine;
        int newStart = ops.get(0).newLine;
        long oldCount = ops.stream().filter(o -> o.kind != '+').count();
        long newCount = ops.stream().filter(o -> o.kind != '-').count();
        out.append("@@ -").append(oldStart + 1).append(',').append(oldCount).append(" +").append(newStart + 1)
                .append(',').append(newCount).append(" @@\n");
        ops.forEach(o -> out.append(o.kind).append(o.text).append('\n'));
    }

    private static List<Op> compare(List<String> a, List<String> b) {
        int[][] common = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                common[i][j] = a.get(i).equals(b.get(j)) ? common[i + 1][j + 1] + 1
                        : Math.max(common[i + 1][j], common[i][j + 1]);
            }
        }
        List<Op> ops = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
                ops.add(new Op(' ', a.get(i), i++, j++));
            } else if (i < a.size() && (j == b.size() || common[i + 1][j] >= common[i][j + 1])) {
                ops.add(new Op('-', a.get(i), i++, j));
            } else {
                ops.add(new Op('+', b.get(j), i, j++));
            }
        }
        return ops;
    }

    private static List<Op> replaceAll(List<String> a, List<String> b) {
        List<Op> ops = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            ops.add(new Op('-', a.get(i), i, 0));
        }
        for (int j = 0; j < b.size(); j++) {
            ops.add(new Op('+', b.get(j), a.size(), j));
        }
        return ops;
    }

    private static List<String> lines(String text) {
        return text.isEmpty() ? List.of() : List.of(text.split("\n", -1));
    }

    /** One line of the diff: kept ({@code ' '}), removed ({@code '-'}) or added ({@code '+'}), and where. */
    private record Op(char kind, String text, int oldLine, int newLine) {
    }
}
