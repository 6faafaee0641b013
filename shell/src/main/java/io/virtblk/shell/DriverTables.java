package io.virtblk.shell;

import io.virtblk.grammar.driver.DriverDefinition;
import io.virtblk.grammar.driver.DriverFile;
import io.virtblk.grammar.driver.DriverLines;
import io.virtblk.grammar.json.UserFiles;
import io.virtblk.replay.defined.DefinedDriver;
import io.virtblk.replay.driver.Drivers;
import io.virtblk.shell.command.UsageException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The drivers defined by files a session knows: every {@code *.json} under
 * {@code ~/.config/virtblk-shell/drivers/} (by name), then those given with {@code --driver FILE}.
 * Their lines are read at load, their models join the Java drivers'. A bad file named on the
 * command line stops the start with its file, line, column and field; a bad file in the config
 * folder is skipped with the same message, so one broken file does not lock a user out.
 */
final class DriverTables {

    private DriverTables() {
    }

    /**
     * Reads the files, installs their drivers and returns their lines.
     *
     * @throws UsageException for a bad file given with {@code --driver}, or two drivers with one model name
     */
    static DriverLines load(List<Path> given, PrintWriter err) {
        List<DriverDefinition> defs = new ArrayList<>();
        for (Path p : configured(err)) {
            try {
                defs.add(DriverFile.read(p));
            } catch (IOException e) {
                err.println("virtblk-shell: skipping " + p + ": " + e.getMessage());
            }
        }
        for (Path p : given) {
            try {
                defs.add(DriverFile.read(p));
            } catch (java.nio.file.NoSuchFileException e) {
                throw new UsageException("driver: " + p + ": no such file");
            } catch (IOException e) {
                throw new UsageException("driver: " + e.getMessage());
            }
        }
        try {
            Drivers.install(defs.stream().map(d -> (io.virtblk.replay.driver.Driver) DefinedDriver.of(d)).toList());
        } catch (IllegalArgumentException e) {
            throw new UsageException("driver: " + e.getMessage());
        }
        return DriverLines.of(defs);
    }

    private static List<Path> configured(PrintWriter err) {
        try {
            return UserFiles.in(DriverFile.userDir());
        } catch (IOException e) {
            err.println("virtblk-shell: cannot list " + DriverFile.userDir() + ": " + e.getMessage() + "; no drivers defined by files");
            return List.of();
        }
    }
}
