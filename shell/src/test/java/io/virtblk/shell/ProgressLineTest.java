package io.virtblk.shell;

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
}
