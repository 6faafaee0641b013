package io.virtblk.shell.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The push's progress bar at the prompt: drawn in place for big pushes, silent for small ones, cleared at the end. */
class ProgressLineTest {

    @Test
    void aBigPushDrawsOneLineInPlaceAndClearsItAtTheEnd() {
        StringWriter err = new StringWriter();
        ProgressLine p = new ProgressLine("push", new PrintWriter(err));
        p.update(25_000, 100_000);
        assertThat(err.toString()).startsWith("\rpush [#######").contains(" 25%").contains("25,000/100,000 events").doesNotContain("\n");
        p.update(100_000, 100_000);
        assertThat(err.toString()).contains("100%").endsWith("\r");
        assertThat(p.drawn()).isTrue();
    }

    @Test
    void aSmallPushDrawsNothing() {
        StringWriter err = new StringWriter();
        ProgressLine p = new ProgressLine("push", new PrintWriter(err));
        p.update(500, 1_000);
        assertThat(err.toString()).isEmpty();
        assertThat(p.drawn()).isFalse();
    }

    @Test
    void aLongLoadSaysHowLongIsLeftOnceTheRateHasSettled() {
        StringWriter err = new StringWriter();
        long[] now = {0};
        ProgressLine p = new ProgressLine("kern.log", new PrintWriter(err), () -> now[0]);
        long total = 2_000_000_000L;
        now[0] = 1_000_000_000L;
        p.update(total / 100, total, 200_000);
        assertThat(err.toString()).as("too early to tell").doesNotContain("left");
        now[0] = 10_000_000_000L;
        p.update(total / 4, total, 2_000_000);
        // a quarter in 10 s: 30 s to go
        assertThat(err.toString()).contains(" 25%").contains("500/2000 MB").contains("~30 s left").doesNotContain("\n");
        now[0] = 20_000_000_000L;
        p.update(total / 10 * 1, total, 2_000_000);
        assertThat(err.toString()).contains("~3 min 0 s left");
        p.update(total, total, 16_000_000);
        assertThat(err.toString()).endsWith("\r");
        assertThat(ProgressLine.duration(59.6)).isEqualTo("1 min 0 s");
    }

    @Test
    void aLoadStoppedEarlyRubsItsLineOutOnceSoTheMessageStartsALine() {
        StringWriter err = new StringWriter();
        ProgressLine p = new ProgressLine("kern.log", new PrintWriter(err));
        p.clear();
        assertThat(err.toString()).as("nothing drawn, nothing to rub out").isEmpty();
        p.update(100L << 20, 1000L << 20, 1000);
        p.clear();
        String once = err.toString();
        assertThat(once).endsWith("\r").contains("\r      ");
        p.clear();
        assertThat(err.toString()).isEqualTo(once);
    }
}
