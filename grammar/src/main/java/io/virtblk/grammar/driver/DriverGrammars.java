package io.virtblk.grammar.driver;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.WeakHashMap;
import java.util.stream.Collectors;

/**
 * The Java drivers' grammars on the class path, found once through {@link ServiceLoader} and
 * made afresh for each reader (a grammar keeps its parser, which one thread uses at a time).
 */
public final class DriverGrammars {

    private static final Map<ClassLoader, List<Class<? extends DriverGrammar>>> FOUND = new WeakHashMap<>();

    private DriverGrammars() {
    }

    /** A new instance of every driver grammar the class path offers, in the order found. */
    public static List<DriverGrammar> fresh() {
        return fresh(DriverGrammars.class.getClassLoader());
    }

    /** As {@link #fresh()}, with the grammars {@code loader} offers. */
    public static List<DriverGrammar> fresh(ClassLoader loader) {
        List<DriverGrammar> made = new ArrayList<>();
        for (Class<? extends DriverGrammar> type : types(loader)) {
            made.add(newInstance(type));
        }
        return made;
    }

    /**
     * The grammars' names and versions ({@code virtblkiosim 1}): an index made with other driver
     * grammars is made again.
     */
    public static String fingerprint() {
        return fresh().stream().map(g -> g.name() + " " + g.version()).collect(Collectors.joining(", "));
    }

    private static synchronized List<Class<? extends DriverGrammar>> types(ClassLoader loader) {
        return FOUND.computeIfAbsent(loader, l -> {
            List<Class<? extends DriverGrammar>> types = new ArrayList<>();
            Map<String, String> names = new HashMap<>();
            for (ServiceLoader.Provider<DriverGrammar> p : ServiceLoader.load(DriverGrammar.class, l).stream().toList()) {
                types.add(p.type());
            }
            for (Class<? extends DriverGrammar> t : types) {
                String name = newInstance(t).name();
                String before = names.putIfAbsent(name, t.getName());
                if (before != null) {
                    throw new IllegalStateException("two grammars claim the lines of driver " + name + ": " + before + " and " + t.getName());
                }
            }
            return List.copyOf(types);
        });
    }

    private static DriverGrammar newInstance(Class<? extends DriverGrammar> t) {
        try {
            return t.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("driver grammar " + t.getName() + " cannot be made: " + e, e);
        }
    }
}
