package io.loadgen.cli;

import io.loadgen.cluster.ResultCodec;
import io.loadgen.report.ComparisonJson;
import io.loadgen.report.ResultJson;
import io.loadgen.stats.RunCard;
import io.loadgen.stats.Shortfall;
import io.loadgen.stats.Stalls;
import io.loadgen.tune.GroupCapacity;
import io.loadgen.tune.GroupCapacityReport;
import io.loadgen.tune.TuneJson;
import io.loadgen.watch.GroupReport;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Registers for reflection, in a native executable, what Jackson reads and writes by reflection; in JVM mode it does
 * nothing. It lives in {@code cli} because {@code report} and {@code cluster} do not import Quarkus.
 *
 * <p>Jackson finds a record's components and accessors reflectively. A native image keeps them only when they are
 * registered; otherwise {@code --summary-json} writes {@code {}} and shard results cannot be read back. Each target
 * is a class that maps JSON with its own {@code ObjectMapper}: registering it registers its nested classes too (the
 * document records), so a record added inside one of them is covered. quarkus-picocli registers the commands, their
 * options, converters and version provider itself.
 *
 * <p>A new class that maps JSON belongs here. {@code NativeReflectionTest} fails when one is missing (it finds every
 * application class holding an {@code ObjectMapper}), and {@code NativeReflectionConfigTest} checks the reflection
 * configuration that a {@code -Dquarkus.native.sources-only=true} build generates ({@code .ci/checks.sh}).
 */
@RegisterForReflection(
        targets = {
            ResultJson.class,
            ComparisonJson.class,
            ResultCodec.class,
            TuneJson.class,
            // read and written as they are inside ResultCodec's document, not nested in it
            Shortfall.class,
            Stalls.class,
            RunCard.class,
            GroupReport.class,
            GroupCapacityReport.class,
            GroupCapacity.class, // its Trial records are in GroupCapacityReport's JSON
        })
public final class NativeReflection {

    private NativeReflection() {}
}
