package io.virtblk.analyzer;

import io.virtblk.event.Event;
import io.virtblk.load.LoadedSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** The sources loaded in a session, in load order. Loading a source again replaces it. */
public final class Workspace {

    private final List<LoadedSource> sources = new ArrayList<>();

    public void add(LoadedSource source) {
        sources.removeIf(s -> s.name().equals(source.name()));
        sources.add(source);
    }

    public List<LoadedSource> sources() {
        return List.copyOf(sources);
    }

    public Optional<LoadedSource> source(String name) {
        return sources.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    public boolean remove(String name) {
        return sources.removeIf(s -> s.name().equals(name));
    }

    public void clear() {
        sources.clear();
    }

    /** Every event of every source, sources in load order, events in input order. */
    public Stream<Event> events() {
        return sources.stream().flatMap(s -> s.events().stream());
    }
}
