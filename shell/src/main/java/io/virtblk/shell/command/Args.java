package io.virtblk.shell.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A command's arguments: options ({@code --json}, {@code --type T}) and the rest; after
 * {@code --} everything is the rest. Unknown options are refused with the valid ones named.
 */
public final class Args {

    private final List<String> positional = new ArrayList<>();
    private final java.util.Map<String, String> options = new java.util.HashMap<>();

    public static Args parse(String command, List<String> args, Set<String> flags, Set<String> valued) {
        Args a = new Args();
        for (int i = 0; i < args.size(); i++) {
            String s = args.get(i);
            if (s.equals("--")) {
                // the rest are arguments, even one that starts with dashes (a file named --x)
                a.positional.addAll(args.subList(i + 1, args.size()));
                break;
            }
            if (s.startsWith("--") && s.length() > 2) {
                if (flags.contains(s)) {
                    a.options.put(s, "true");
                } else if (valued.contains(s)) {
                    if (i + 1 >= args.size()) {
                        throw new UsageException(command + ": option " + s + " needs a value");
                    }
                    a.options.put(s, args.get(++i));
                } else {
                    List<String> all = new ArrayList<>(flags);
                    all.addAll(valued);
                    java.util.Collections.sort(all);
                    throw new UsageException(command + ": unknown option: " + s + (all.isEmpty() ? " (it takes none)" : "; use one of: " + String.join(", ", all)));
                }
            } else {
                a.positional.add(s);
            }
        }
        return a;
    }

    public boolean flag(String name) {
        return options.containsKey(name);
    }

    public String option(String name) {
        return options.get(name);
    }

    public int intOption(String command, String name, int dflt) {
        String v = options.get(name);
        if (v == null) {
            return dflt;
        }
        try {
            int n = Integer.parseInt(v);
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException(command + ": " + name + " takes a whole number, not '" + v + "'");
        }
    }

    public List<String> positional() {
        return positional;
    }
}
