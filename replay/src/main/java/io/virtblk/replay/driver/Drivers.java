package io.virtblk.replay.driver;

import io.virtblk.replay.model.DeviceModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * The drivers replay knows, found once through {@link ServiceLoader}, and their models by name.
 * The first driver listed is the standard one: the model {@code check}, {@code replay},
 * {@code sessions}, {@code timeline} and {@code repro} use when none is asked for.
 */
public final class Drivers {

    private static final class Loaded {
        static final List<Driver> DRIVERS = load(Drivers.class.getClassLoader());
    }

    private Drivers() {
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

    /** Every driver, the standard one first. */
    public static List<Driver> all() {
        return Loaded.DRIVERS;
    }

    /** The model used when none is asked for: the standard driver as written. */
    public static DeviceModel standard() {
        return all().getFirst().model();
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
