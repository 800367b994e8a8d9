package io.loadgen.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The stack-trace check every command test makes must let through only the in-JVM launcher's own noise. */
class SummaryTest {

    private static final String INTERRUPTED_CLASS_LOAD = """
            Exception in thread "vert.x-internal-blocking-1" java.io.UncheckedIOException: Failed to read /root/.m2/repository/org/jboss/threads/jboss-threads/3.9.2/jboss-threads-3.9.2.jar
            \tat io.quarkus.paths.ArchivePathTree.apply(ArchivePathTree.java:159)
            \tat java.base/java.lang.Thread.run(Thread.java:840)
            Caused by: java.io.IOException: Failed to create a new filesystem for /root/.m2/repository/org/jboss/threads/jboss-threads/3.9.2/jboss-threads-3.9.2.jar
            \tat io.quarkus.fs.util.ZipUtils.newFileSystem(ZipUtils.java:244)
            \t... 14 more
            Caused by: java.nio.channels.ClosedByInterruptException
            \tat java.base/java.nio.channels.spi.AbstractInterruptibleChannel.end(AbstractInterruptibleChannel.java:199)
            \t... 17 more
            """;

    @Test
    void theTestClassLoadersInterruptedJarReadIsNotAStackTraceOfOurs() {
        String output = "loadgen: done\n" + INTERRUPTED_CLASS_LOAD + "after\n";

        Summary.assertNoStackTrace(output);
        assertThat(Summary.withoutTestClassLoaderNoise(output)).isEqualTo("loadgen: done\nafter\n");
    }

    /** The same interrupt while a class is read out of an open jar (seen in CI): the report names no jar path. */
    private static final String INTERRUPTED_CLASS_READ = """
            Exception in thread "vert.x-internal-blocking-1" java.lang.RuntimeException: Unable to read org/jboss/threads/ContextClassLoaderSavingRunnable.class
            \tat io.quarkus.bootstrap.classloading.PathTreeClassPathElement$Resource.lambda$getData$0(PathTreeClassPathElement.java:362)
            \tat io.quarkus.paths.ArchivePathTree.apply(ArchivePathTree.java:156)
            \tat io.quarkus.bootstrap.classloading.QuarkusClassLoader.loadClass(QuarkusClassLoader.java:566)
            \tat java.base/java.lang.Thread.run(Thread.java:840)
            Caused by: java.nio.channels.ClosedByInterruptException
            \tat java.base/java.nio.channels.spi.AbstractInterruptibleChannel.end(AbstractInterruptibleChannel.java:199)
            \t... 16 more
            """;

    @Test
    void theTestClassLoadersInterruptedClassReadIsNotAStackTraceOfOursEither() {
        String output = "loadgen: done\n" + INTERRUPTED_CLASS_READ + "after\n";

        Summary.assertNoStackTrace(output);
        assertThat(Summary.withoutTestClassLoaderNoise(output)).isEqualTo("loadgen: done\nafter\n");
        String otherCause = INTERRUPTED_CLASS_READ.replace(
                "java.nio.channels.ClosedByInterruptException", "java.util.zip.ZipException: invalid entry");
        assertThatThrownBy(() -> Summary.assertNoStackTrace(otherCause)).isInstanceOf(AssertionError.class);
        String notTheTestLoader = INTERRUPTED_CLASS_READ.replace("QuarkusClassLoader.loadClass(", "AppLoader.load(");
        assertThatThrownBy(() -> Summary.assertNoStackTrace(notTheTestLoader)).isInstanceOf(AssertionError.class);
    }

    @Test
    void theSameReportWithAnotherRootCauseFails() {
        String otherCause = INTERRUPTED_CLASS_LOAD.replace(
                "java.nio.channels.ClosedByInterruptException", "java.util.zip.ZipException: zip END header not found");

        assertThatThrownBy(() -> Summary.assertNoStackTrace(otherCause)).isInstanceOf(AssertionError.class);
    }

    @Test
    void anyOtherUncaughtExceptionFails() {
        String ours = "Exception in thread \"loadgen-sender-0\" java.lang.IllegalStateException: boom\n"
                + "\tat io.loadgen.engine.SenderLoop.run(SenderLoop.java:1)\n";

        assertThatThrownBy(() -> Summary.assertNoStackTrace("ok\n" + INTERRUPTED_CLASS_LOAD + ours))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("boom");
    }
}
