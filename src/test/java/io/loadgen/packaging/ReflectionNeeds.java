package io.loadgen.packaging;

import io.loadgen.cli.LoadgenCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What a native executable must have registered for reflection, derived from the code rather than listed:
 * the types Jackson (de)serializes, and the classes picocli reflects on.
 */
final class ReflectionNeeds {

    static final String BASE_PACKAGE = "io.loadgen";
    private static final Set<String> JACKSON_MAPPERS = Set.of(
            "com.fasterxml.jackson.databind.ObjectMapper",
            "com.fasterxml.jackson.databind.ObjectWriter",
            "com.fasterxml.jackson.databind.ObjectReader",
            "com.fasterxml.jackson.databind.json.JsonMapper");

    private ReflectionNeeds() {}

    /**
     * Classes of the application that hold a Jackson mapper, reader or writer: they read or write JSON. A mapper held
     * by a nested class (a holder built lazily) counts for its outermost class, whose records it maps.
     */
    static Set<Class<?>> jsonCodecs() {
        Set<Class<?>> codecs = new TreeSet<>(Comparator.comparing(Class::getName));
        for (Class<?> c : applicationClasses()) {
            for (Field f : c.getDeclaredFields()) {
                if (JACKSON_MAPPERS.contains(f.getType().getName())) codecs.add(outermost(c));
            }
        }
        return codecs;
    }

    private static Class<?> outermost(Class<?> c) {
        while (c.getEnclosingClass() != null) c = c.getEnclosingClass();
        return c;
    }

    /**
     * The types Jackson maps: the public records nested in each {@link #jsonCodecs() JSON codec} class, and the
     * application types their components hold (collections and maps looked into).
     */
    static Set<Class<?>> jacksonTypes() {
        Set<Class<?>> types = new TreeSet<>(Comparator.comparing(Class::getName));
        for (Class<?> codec : jsonCodecs()) {
            for (Class<?> nested : codec.getDeclaredClasses()) {
                if (nested.isRecord() && Modifier.isPublic(nested.getModifiers())) addWithComponents(nested, types);
            }
        }
        return types;
    }

    private static void addWithComponents(Class<?> type, Set<Class<?>> types) {
        if (!type.getName().startsWith(BASE_PACKAGE + ".") || type.isEnum() || !types.add(type)) return;
        if (type.isRecord()) {
            for (RecordComponent rc : type.getRecordComponents()) addType(rc.getGenericType(), types);
        } else {
            for (Field f : type.getDeclaredFields()) {
                if (!Modifier.isStatic(f.getModifiers())) addType(f.getGenericType(), types);
            }
        }
    }

    private static void addType(Type t, Set<Class<?>> types) {
        if (t instanceof Class<?> c) {
            addWithComponents(c.isArray() ? c.getComponentType() : c, types);
        } else if (t instanceof ParameterizedType p) {
            addType(p.getRawType(), types);
            for (Type arg : p.getActualTypeArguments()) addType(arg, types);
        } else if (t instanceof GenericArrayType g) {
            addType(g.getGenericComponentType(), types);
        } else if (t instanceof WildcardType w) {
            for (Type upper : w.getUpperBounds()) addType(upper, types);
        }
    }

    /**
     * Classes picocli instantiates by reflection: commands, mixins, option converters, version providers, model
     * transformers.
     */
    static Set<Class<?>> picocliInstantiated() {
        Set<Class<?>> classes = new LinkedHashSet<>();
        for (CommandSpec spec : commandSpecs()) {
            classes.add(spec.userObject().getClass());
            spec.mixins().values().forEach(m -> classes.add(m.userObject().getClass()));
            if (spec.versionProvider() != null
                    && isApplicationClass(spec.versionProvider().getClass())) {
                classes.add(spec.versionProvider().getClass());
            }
            // the help's section and command list renderers (HelpSections.Run, CommandList)
            if (spec.modelTransformer() != null
                    && isApplicationClass(spec.modelTransformer().getClass())) {
                classes.add(spec.modelTransformer().getClass());
            }
            for (ArgSpec arg : spec.args()) {
                for (ITypeConverter<?> converter : arg.converters()) {
                    if (isApplicationClass(converter.getClass())) classes.add(converter.getClass());
                }
            }
        }
        return classes;
    }

    /** Classes whose fields picocli sets by reflection: those that declare options and positional parameters. */
    static Set<Class<?>> picocliFieldHolders() {
        Set<Class<?>> classes = new LinkedHashSet<>();
        for (CommandSpec spec : commandSpecs()) {
            for (ArgSpec arg : spec.args()) {
                if (arg.userObject() instanceof Field f) classes.add(f.getDeclaringClass());
            }
        }
        return classes;
    }

    private static List<CommandSpec> commandSpecs() {
        List<CommandSpec> specs = new java.util.ArrayList<>();
        collect(new CommandLine(LoadgenCommand.class), specs);
        return specs;
    }

    private static void collect(CommandLine command, List<CommandSpec> specs) {
        specs.add(command.getCommandSpec());
        command.getSubcommands().values().forEach(sub -> collect(sub, specs));
    }

    private static boolean isApplicationClass(Class<?> c) {
        return c.getName().startsWith(BASE_PACKAGE + ".");
    }

    /** Every class compiled from src/main/java, loaded without initialization. */
    static List<Class<?>> applicationClasses() {
        Path classes;
        try {
            classes = Path.of(LoadgenCommand.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        if (!Files.isDirectory(classes))
            throw new IllegalStateException("expected the compiled classes directory, got " + classes);
        Path base = classes.resolve(BASE_PACKAGE.replace('.', '/'));
        try (Stream<Path> files = Files.walk(base)) {
            return files.filter(p -> p.toString().endsWith(".class"))
                    .map(p -> classes.relativize(p).toString().replace('\\', '/'))
                    .map(name ->
                            name.substring(0, name.length() - ".class".length()).replace('/', '.'))
                    .sorted()
                    .<Class<?>>map(ReflectionNeeds::load)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, ReflectionNeeds.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
