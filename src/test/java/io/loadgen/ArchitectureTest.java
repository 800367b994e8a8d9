package io.loadgen;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Arrays;
import java.util.stream.Stream;

/**
 * The package rules of the main classes, checked on their bytecode. Why the packages are cut this way is explained in
 * docs/ARCHITECTURE.md; each rule's failure message says in short why it exists.
 *
 * <p>The dependency graph between our packages as it is (each package uses only those listed after it):
 * <pre>
 *   cli     → cluster, engine, metrics, payload, report, spec, stats, tune, verify, watch
 *   tune    → engine, spec, stats
 *   verify  → cluster, payload, stats
 *   engine  → payload, spec, stats
 *   cluster → spec, stats, watch
 *   metrics → spec, stats, watch
 *   report  → spec, stats, watch
 *   watch   → (none)
 *   payload → spec
 *   spec    → (none)
 *   stats   → (none)
 * </pre>
 * A new edge is a design change: make it here and in docs/ARCHITECTURE.md, not by loosening a rule.
 */
@AnalyzeClasses(packages = "io.loadgen", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String[] PACKAGES = {
        "cli", "cluster", "engine", "metrics", "payload", "report", "spec", "stats", "tune", "verify", "watch"
    };

    @ArchTest
    static final ArchRule every_class_is_in_a_known_package = classes()
            .should()
            .resideInAnyPackage(ours(PACKAGES))
            .because("the rules below cover only these packages: a new package must be placed in the dependency"
                    + " graph (here and in docs/ARCHITECTURE.md) before it gets classes");

    @ArchTest
    static final ArchRule only_cli_uses_picocli = noClasses()
            .that()
            .resideOutsideOfPackage("io.loadgen.cli..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("picocli..")
            .because("the command line is parsed in cli alone: below it everything takes a LoadSpec or plain"
                    + " values, so the tuner, the fleet and the unit tests drive the engine without a command line");

    @ArchTest
    static final ArchRule load_path_is_free_of_quarkus = noClasses()
            .that()
            .resideInAnyPackage(ours("engine", "payload", "spec", "stats"))
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("io.quarkus..", "io.smallrye..", "jakarta..")
            .because("the load path is plain Java: its unit tests and bench/jmh create these classes with new,"
                    + " without a Quarkus application or CDI container; injection and configuration stay in cli");

    @ArchTest
    static final ArchRule load_path_is_free_of_micrometer = noClasses()
            .that()
            .resideInAnyPackage(ours("engine", "payload", "spec", "stats"))
            .should()
            .dependOnClassesThat()
            .resideInAPackage("io.micrometer..")
            .because("the engine counts in stats (LongAdder, HdrHistogram) and metrics reads RunStats when"
                    + " /q/metrics is scraped: the send path is the same whether metrics are on or off");

    /** The libraries the payload path may use besides the JDK; bench/jmh/pom.xml lists the same ones. */
    private static final String[] PAYLOAD_LIBRARIES = {"org.apache.commons.rng..", "com.fasterxml.jackson.core.."};

    @ArchTest
    static final ArchRule payload_and_spec_need_only_the_jdk = classes()
            .that()
            .resideInAnyPackage(ours("payload", "spec"))
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(Stream.of(
                            Stream.of("java.."),
                            Arrays.stream(PAYLOAD_LIBRARIES),
                            Arrays.stream(ours("payload", "spec")))
                    .flatMap(s -> s)
                    .toArray(String[]::new))
            .because(
                    "bench/jmh/pom.xml compiles io/loadgen/payload and io/loadgen/spec alone, with only JMH and"
                            + " the payload libraries (commons-rng's samplers, jackson-core for the JSON check of templates) on the class path, to measure the payload path");

    @ArchTest
    static final ArchRule no_package_cycles = slices().matching("io.loadgen.(*)..")
            .should()
            .beFreeOfCycles()
            .because("a cycle makes two packages one: neither could be understood, tested or changed alone");

    @ArchTest
    static final ArchRule nothing_but_cli_uses_cli = noClasses()
            .that()
            .resideOutsideOfPackage("io.loadgen.cli..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("io.loadgen.cli..")
            .because("cli is the top: the commands assemble the other packages, and nothing below may reach"
                    + " back to options, exit codes or the Quarkus wiring");

    @ArchTest
    static final ArchRule spec_uses_nothing_of_ours = usesOnly(
            "spec",
            new String[] {},
            "spec is the immutable description of a run that every package reads; what it used, all would use");

    @ArchTest
    static final ArchRule stats_uses_nothing_of_ours = usesOnly(
            "stats",
            new String[] {},
            "stats holds the counters and histograms of a run, written by the engine and read by report, metrics,"
                    + " cluster, tune and verify; it knows none of them");

    @ArchTest
    static final ArchRule payload_uses_only_spec = usesOnly(
            "payload",
            new String[] {"spec"},
            "a generator makes records from the PayloadSpec alone; bench/jmh compiles payload with spec only");

    @ArchTest
    static final ArchRule engine_uses_only_payload_spec_stats = usesOnly(
            "engine",
            new String[] {"payload", "spec", "stats"},
            "the engine sends records and counts them; printing (report), export (metrics), fleets (cluster),"
                    + " the search (tune) and the commands read its results, so it runs the same under each of them");

    @ArchTest
    static final ArchRule cluster_uses_only_spec_stats_watch = usesOnly(
            "cluster",
            new String[] {"spec", "stats", "watch"},
            "cluster coordinates shards (start barrier, results topic) around runs; it does not run them");

    @ArchTest
    static final ArchRule metrics_uses_only_spec_stats_watch = usesOnly(
            "metrics",
            new String[] {"spec", "stats", "watch"},
            "metrics publishes what stats counts and the watch reads; it neither runs the engine nor formats reports");

    @ArchTest
    static final ArchRule report_uses_only_spec_stats_watch = usesOnly(
            "report",
            new String[] {"spec", "stats", "watch"},
            "report formats results (progress, summary, JSON, SLO gates) from stats; it runs nothing, so the same"
                    + " printers serve a run, a fleet's merged results and loadgen report");

    @ArchTest
    static final ArchRule tune_uses_only_engine_spec_stats = usesOnly(
            "tune",
            new String[] {"engine", "spec", "stats"},
            "the tuner runs its trials through the engine like any run; the command prints and exports its result");

    @ArchTest
    static final ArchRule verify_uses_only_cluster_payload_stats = usesOnly(
            "verify",
            new String[] {"cluster", "payload", "stats"},
            "verify reads a topic back and checks the records against what payload writes; it never sends");

    @ArchTest
    static final ArchRule watch_uses_nothing_of_ours = usesOnly(
            "watch",
            new String[] {},
            "the consumer-group watch reads offsets with a client of its own beside a run; it knows neither the"
                    + " engine nor the spec, so it could watch a topic that something else loads");

    /** Classes of io.loadgen.{pkg} depend on no package of ours but their own and {allowed}. */
    private static ArchRule usesOnly(String pkg, String[] allowed, String reason) {
        String[] mayUse = Stream.concat(Stream.of(pkg), Arrays.stream(allowed)).toArray(String[]::new);
        return classes()
                .that()
                .resideInAPackage("io.loadgen." + pkg + "..")
                .should()
                .onlyDependOnClassesThat(resideOutsideOfPackage("io.loadgen..").or(resideInAnyPackage(ours(mayUse))))
                .as("io.loadgen." + pkg + " uses no package of ours but "
                        + (allowed.length == 0 ? "itself" : String.join(", ", allowed)))
                .because(reason);
    }

    private static String[] ours(String... packages) {
        return Arrays.stream(packages).map(p -> "io.loadgen." + p + "..").toArray(String[]::new);
    }
}
