package io.virtblk.replay.driver;

import io.virtblk.replay.model.DeviceModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * The drivers replay knows: the Java ones, found once through {@link ServiceLoader}, then those
 * defined by files that the shell {@linkplain #install installed} at start ({@code --driver},
 * {@code ~/.config/virtblk-shell/drivers/}); and their models by name. For a source, the model
 * used when none is asked for is that of the driver whose lines the source has
 * ({@link #modelFor}); a source with none of a defined driver's lines gets the standard one, the
 * first Java driver's as written.
 */
public final class Drivers {

    private static final class Loaded {
        static final List<Driver> DRIVERS = load(Drivers.class.getClassLoader());
    }

    /** Drivers defined by files, after the Java ones. */
    private static volatile List<Driver> installed = List.of();

    private Drivers() {
    }

    /**
     * Makes {@code defined} (drivers defined by files) known after the Java drivers, replacing
     * those installed before.
     *
     * @throws IllegalArgumentException when one offers a model name another driver has, naming both
     */
    public static synchronized void install(List<Driver> defined) {
        Map<String, String> owner = new LinkedHashMap<>();
        for (Driver d : Loaded.DRIVERS) {
            d.models().forEach(m -> owner.put(m.name(), d.name()));
        }
        for (Driver d : defined) {
            for (DeviceModel m : d.models()) {
                String before = owner.putIfAbsent(m.name(), d.name());
                if (before != null) {
                    throw new IllegalArgumentException(d.summary() + ": model '" + m.name() + "' is already " + before + "'s; name it otherwise");
                }
            }
        }
        installed = List.copyOf(defined);
    }

    /**
     * The model of the first driver defined by a file whose name {@code logged} says the source's
     * device lines carry, else the standard one.
     */
    public static DeviceModel modelFor(java.util.function.Predicate<String> logged) {
        for (Driver d : installed) {
            if (logged.test(d.name())) {
                return d.model();
            }
        }
        return standard();
    }

    /** True when a driver defined by a file is installed: only then can a source need another model than the standard one. */
    public static boolean anyDefined() {
        return !installed.isEmpty();
    }

    /**
     * The drivers {@code loader} lists in its {@code META-INF/services/io.virtblk.replay.driver.Driver}
     * files, in class-path order.
     *
     * @throws IllegalStateException when two drivers offer a model of one name, or none is found
     */
    static List<Driver> load(ClassLoader loader) {
        List<Driver> out = new ArrayList<>();
        Map<String, String> owner = new LinkedHashMap<>();
        for (Driver d : ServiceLoader.load(Driver.class, loader)) {
            for (DeviceModel m : d.models()) {
                String before = owner.putIfAbsent(m.name(), d.name());
                if (before != null) {
                    // two drivers offering one name would make --model ambiguous
                    throw new IllegalStateException("model '" + m.name() + "' is offered by both " + before + " and " + d.name());
                }
            }
            out.add(d);
        }
        if (out.isEmpty()) {
            throw new IllegalStateException("no driver found: the replay jar's META-INF/services/" + Driver.class.getName() + " is missing");
        }
        return List.copyOf(out);
    }

    /** Every driver, the standard one first, those defined by files last. */
    public static List<Driver> all() {
        List<Driver> defined = installed;
        if (defined.isEmpty()) {
            return Loaded.DRIVERS;
        }
        List<Driver> out = new ArrayList<>(Loaded.DRIVERS);
        out.addAll(defined);
        return List.copyOf(out);
    }

    /** The model used when none is asked for: the standard driver as written. */
    public static DeviceModel standard() {
        return Loaded.DRIVERS.getFirst().model();
    }

    /** Every model's name, driver by driver, each driver's as-written model first. */
    public static List<String> modelNames() {
        return all().stream().flatMap(d -> d.models().stream()).map(DeviceModel::name).toList();
    }

    /**
     * The model named {@code name}, or the standard one for null.
     *
     * @throws IllegalArgumentException naming every model there is, when none has that name
     */
    public static DeviceModel model(String name) {
        if (name == null) {
            return standard();
        }
        for (Driver d : all()) {
            for (DeviceModel m : d.models()) {
                if (m.name().equals(name)) {
                    return m;
                }
            }
        }
        throw new IllegalArgumentException("unknown model: " + name + "; use one of: " + String.join(", ", modelNames()));
    }
}
