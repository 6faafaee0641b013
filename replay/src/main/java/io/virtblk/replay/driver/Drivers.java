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
 * {@code ~/.config/virtblk-shell/drivers/}); and their models by name. The standard model, the
 * first Java driver's as written, is the one a source is replayed on when none is asked for and
 * it has none of a defined driver's lines.
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
        Loaded.DRIVERS.forEach(d -> claim(owner, d));
        for (Driver d : defined) {
            Clash c = claim(owner, d);
            if (c != null) {
                throw new IllegalArgumentException(d.summary() + ": model '" + c.model() + "' is already " + c.owner() + "'s; name it otherwise");
            }
        }
        installed = List.copyOf(defined);
    }

    /** The drivers defined by files, in the order installed. */
    public static List<Driver> defined() {
        return installed;
    }

    /** A model name a driver offers that {@code owner} (another driver) had first. */
    private record Clash(String model, String owner) {
    }

    /**
     * Records {@code d}'s model names as its own in {@code owner}: two drivers offering one name
     * would make {@code --model} ambiguous.
     *
     * @return the first name another driver had, or null
     */
    private static Clash claim(Map<String, String> owner, Driver d) {
        for (DeviceModel m : d.models()) {
            String before = owner.putIfAbsent(m.name(), d.name());
            if (before != null) {
                return new Clash(m.name(), before);
            }
        }
        return null;
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
            Clash c = claim(owner, d);
            if (c != null) {
                throw new IllegalStateException("model '" + c.model() + "' is offered by both " + c.owner() + " and " + d.name());
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
