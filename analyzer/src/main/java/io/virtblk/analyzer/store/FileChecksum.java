package io.virtblk.analyzer.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/** The CRC32C of a file's bytes: how the store tells the file it indexed from one that changed. */
public final class FileChecksum {

    private FileChecksum() {
    }

    /** CRC32C of a file's first {@code limit} bytes (all of it when shorter). */
    public static long crc32c(Path path, long limit) throws IOException {
        CRC32C crc = new CRC32C();
        byte[] buf = new byte[1 << 16];
        long left = limit;
        try (InputStream in = Files.newInputStream(path)) {
            for (int n; left > 0 && (n = in.read(buf, 0, (int) Math.min(buf.length, left))) > 0; left -= n) {
                crc.update(buf, 0, n);
            }
        }
        return crc.getValue();
    }
}
