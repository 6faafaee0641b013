package io.virtblk.analyzer.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.virtblk.load.SourceLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FilterDirectory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexOutput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A disk that fills while the index is written: the indexing threads write the last segments
 * themselves, after the loading thread has told them to stop, so a failure there must still fail
 * the load with its cause — and never leave it waiting for a thread that is gone.
 */
class IndexFailureTest {

    @TempDir
    Path dir;

    /** Refuses every file after the first {@code allowed}, as a full disk would. */
    private static final class FillingDirectory extends FilterDirectory {
        private final AtomicInteger left;

        FillingDirectory(Directory in, int allowed) {
            super(in);
            this.left = new AtomicInteger(allowed);
        }

        @Override
        public IndexOutput createOutput(String name, IOContext context) throws IOException {
            if (left.getAndDecrement() <= 0) {
                throw new IOException("No space left on device (test): " + name);
            }
            return super.createOutput(name, context);
        }
    }

    @Test
    void aDiskThatFillsWhileTheLastSegmentsAreWrittenFailsTheLoadWithItsCause() throws Exception {
        Path log = dir.resolve("kern.log");
        Files.writeString(log, "Nov 11 04:25:30 vm kernel: [67315.455932] virtblkiosim: Device engage: private_data: virtblkiosim\n".repeat(20_000));
        // where the disk fills decides which thread fails first and how: every place must name it
        for (int allowed : new int[] {0, 1, 2, 3, 4, 6, 8, 12, 16, 24}) {
            assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
                try (Directory d = new FillingDirectory(new ByteBuffersDirectory(), allowed)) {
                    assertThatThrownBy(() -> IndexBuild.run(SourceLoader.Spec.parse(log.toString()), new SourceLoader(), d, dir.resolve("spool"),
                            SourceIndex.Progress.NONE))
                            .as("the load with %d files allowed", allowed)
                            .satisfies(e -> assertThat(e.toString() + e.getCause()).contains("No space left on device"));
                }
            }, () -> "the load with " + allowed + " files allowed did not end");
        }
    }
}
