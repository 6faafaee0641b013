package io.virtblk.shell;

import io.virtblk.shell.command.Command;
import io.virtblk.shell.command.Session;
import io.virtblk.shell.command.UsageException;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Properties;

/** {@code help [COMMAND]}: the command list, or one command's help from {@code help.properties}. */
final class HelpCommand implements Command {

    private final Commands commands;
    private final Properties texts = new Properties();

    HelpCommand(Commands commands) {
        this.commands = commands;
        try (InputStream in = HelpCommand.class.getResourceAsStream("help.properties")) {
            if (in != null) {
                texts.load(in);
            }
        } catch (IOException e) {
            // The list of commands still works without the longer texts.
        }
    }

    @Override
    public String name() {
        return "help";
    }

    @Override
    public String synopsis() {
        return "help [COMMAND]";
    }

    @Override
    public String summary() {
        return "list the commands, or explain one";
    }

    @Override
    public void run(List<String> args, Session session) {
        var out = session.out();
        if (args.isEmpty()) {
            for (Command c : commands.all()) {
                out.printf("  %-52s %s%n", c.synopsis(), c.summary());
            }
            out.printf("  %-52s %s%n", "quit | exit", "leave (Ctrl-D too)");
        } else {
            Command c = commands.find(args.getFirst())
                    .orElseThrow(() -> new UsageException("help: unknown command: " + args.getFirst() + " (type 'help' for the list)"));
            out.println(c.synopsis());
            out.println("  " + c.summary());
            String more = texts.getProperty(c.name());
            if (more != null) {
                out.println();
                out.println(more.strip());
            }
        }
        out.flush();
    }
}
