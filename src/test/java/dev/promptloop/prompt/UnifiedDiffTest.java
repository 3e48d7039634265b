package dev.promptloop.prompt;

import org.junit.jupiter.api.Test;

import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class UnifiedDiffTest {

    @Test
    void theSameTextHasNoDiff() {
        assertThat(UnifiedDiff.of("a\nb", "a\nb", "old", "new")).isEmpty();
    }

    @Test
    void aChangedLineComesWithThreeLinesOfContextAsDiffWritesIt() {
        String before = lines(1, 10);
        String after = before.replace("line 5", "line five");

        assertThat(UnifiedDiff.of(before, after, "v1/user", "v2/user")).isEqualTo("""
                --- v1/user
                +++ v2/user
                @@ -2,7 +2,7 @@
                 line 2
                 line 3
                 line 4
                -line 5
                +line five
                 line 6
                 line 7
                 line 8
                """);
    }

    @Test
    void changesFarApartAreHunksOfTheirOwnAndNearOnesShareOne() {
        String before = lines(1, 30);
        String after = before.replace("line 2\n", "line 2b\n").replace("line 5\n", "").replace("line 25", "line 25b");

        String diff = UnifiedDiff.of(before, after, "a", "b");

        assertThat(diff.lines().filter(l -> l.startsWith("@@"))).containsExactly("@@ -1,8 +1,7 @@",
                "@@ -22,7 +21,7 @@");
        assertThat(diff).contains("\n-line 2\n+line 2b\n", "\n-line 5\n", "\n-line 25\n+line 25b\n");
    }

    @Test
    void textsTooLongToCompareLineByLineAreReplacedWhole() {
        String before = lines(1, 2_100);
        String after = lines(2, 2_101);

        String diff = UnifiedDiff.of(before, after, "a", "b");

        assertThat(diff.lines().filter(l -> l.startsWith("-line")).count()).isEqualTo(2_100);
        assertThat(diff.lines().filter(l -> l.startsWith("+line")).count()).isEqualTo(2_100);
    }

    private static String lines(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(i -> "line " + i).collect(Collectors.joining("\n"));
    }
}
