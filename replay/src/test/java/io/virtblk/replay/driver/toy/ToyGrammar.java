package io.virtblk.replay.driver.toy;

import io.virtblk.event.Ioctl;
import io.virtblk.event.KernelEvent;
import io.virtblk.event.KernelPrefix;
import io.virtblk.event.Origin;
import io.virtblk.grammar.driver.DriverGrammar;
import java.util.function.BiConsumer;

/**
 * toyblk's lines, recognised at load by the toy's own package: {@code toyblk: open DATA},
 * {@code toyblk: close DATA}, {@code toyblk: flush}, {@code toyblk: transfer read|write}. A driver's
 * grammar may be ANTLR's or, as here, a few lines of Java; either way it is found by one line in
 * {@code META-INF/services/io.virtblk.grammar.driver.DriverGrammar}.
 */
public final class ToyGrammar implements DriverGrammar {

    private static final String PREFIX = "toyblk: ";
    /** BLKFLSBUF, _IO(0x12, 97): the toy's only request. */
    private static final long FLUSH = 0x1261;

    @Override
    public String name() {
        return "toyblk";
    }

    @Override
    public KernelEvent meaning(Origin at, String raw, KernelPrefix prefix, String message, BiConsumer<Integer, String> report) {
        String[] words = message.substring(PREFIX.length()).split(" ");
        return switch (words[0]) {
            case "open" -> new KernelEvent.Engage(at, raw, prefix, message, name(), words[words.length - 1]);
            case "close" -> new KernelEvent.Release(at, raw, prefix, message, name(), words[words.length - 1]);
            case "flush" -> new KernelEvent.IoctlCall(at, raw, prefix, message, name(), Ioctl.decode(FLUSH), "0");
            case "transfer" -> new KernelEvent.DataTransfer(at, raw, prefix, message, name(), "write".equals(words[words.length - 1]) ? 1 : 0,
                    words[words.length - 1]);
            default -> {
                report.accept(PREFIX.length(), "expected open, close, flush or transfer, found '" + words[0] + "'");
                yield null;
            }
        };
    }
}
