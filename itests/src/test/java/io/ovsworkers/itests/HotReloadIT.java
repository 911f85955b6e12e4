package io.ovsworkers.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.options;

import io.ovsworkers.api.TaskDescription;
import io.ovsworkers.api.Tasks;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.inject.Inject;
import org.junit.After;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Plugins dropped into a FileInstall-watched deploy folder, as an operator does it: copy beside, rename in. Tasks
 * appear, are swapped by a new version while an inline call on the old one finishes, and disappear on delete.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class HotReloadIT {
    private static final Path DEPLOY = Distribution.WORK.resolve("hot-reload/deploy").toAbsolutePath();
    private static final Path STAGING = Distribution.WORK.resolve("hot-reload/staging").toAbsolutePath();
    private static final Duration DEADLINE = Duration.ofSeconds(20);

    @Inject
    Tasks tasks;

    @Configuration
    public Option[] config() throws IOException {
        clean(DEPLOY);
        clean(STAGING);
        return OptionUtils.combine(Distribution.withFeatures("hot-reload", "core"), options(
                frameworkProperty("felix.fileinstall.dir").value(DEPLOY.toString()),
                frameworkProperty("felix.fileinstall.poll").value("100"),
                frameworkProperty("felix.fileinstall.noInitialDelay").value("true")));
    }

    @After
    public void removePlugins() throws Exception {
        clean(DEPLOY);
        Await.until("example tasks to be gone", DEADLINE, () -> tasks.describe("ovs.examples.echo").isEmpty());
    }

    @Test
    public void dropReplaceAndDeleteAPlugin() throws Exception {
        Path original = Distribution.ourBundle("io.ovsworkers.examples");
        deploy(original, "examples.jar");
        TaskDescription first = Await.until("the dropped plugin's task", DEADLINE,
                () -> tasks.describe("ovs.examples.echo").orElse(null));
        assertEquals("hot", tasks.task("ovs.examples.echo").call("hot"));

        CompletableFuture<Object> longCall = CompletableFuture.supplyAsync(() -> tasks.task("ovs.examples.sleep").call(1.0));
        Await.until("the inline call to be inside the old version", DEADLINE, () -> insideSleepTask());

        deploy(withVersion(original, "9.9.9.hotreload"), "examples.jar");
        TaskDescription second = Await.until("the new version to serve", DEADLINE,
                () -> tasks.describe("ovs.examples.echo").filter(d -> d.bundleVersion().equals("9.9.9.hotreload")).orElse(null));
        assertNotEquals(first.bundleVersion(), second.bundleVersion());
        assertEquals(1.0, longCall.get(DEADLINE.toSeconds(), java.util.concurrent.TimeUnit.SECONDS));
        assertEquals("new", tasks.task("ovs.examples.echo").call("new"));

        Files.delete(DEPLOY.resolve("examples.jar"));
        Await.until("the deleted plugin's tasks to be gone", DEADLINE, () -> tasks.describe("ovs.examples.echo").isEmpty());
    }

    private static boolean insideSleepTask() {
        return Thread.getAllStackTraces().values().stream().flatMap(Stream::of)
                .anyMatch(frame -> frame.getClassName().equals("io.ovsworkers.examples.ExampleTasks") && frame.getMethodName().equals("sleep"));
    }

    /** The safe way: write beside the watched folder, then rename into it in one step. */
    private static void deploy(Path jar, String name) throws IOException {
        Path staged = STAGING.resolve(name);
        Files.copy(jar, staged, StandardCopyOption.REPLACE_EXISTING);
        Files.move(staged, DEPLOY.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** A copy of the bundle with another Bundle-Version, as a rebuilt plugin would have. */
    private static Path withVersion(Path jar, String version) throws IOException {
        Path copy = STAGING.resolve("rebuilt-" + version + ".jar");
        try (JarFile in = new JarFile(jar.toFile());
             OutputStream file = Files.newOutputStream(copy)) {
            Manifest manifest = in.getManifest();
            manifest.getMainAttributes().putValue("Bundle-Version", version);
            try (JarOutputStream out = new JarOutputStream(file, manifest)) {
                for (JarEntry entry : java.util.Collections.list(in.entries())) {
                    if (entry.getName().equals("META-INF/MANIFEST.MF")) {
                        continue;
                    }
                    out.putNextEntry(new JarEntry(entry.getName()));
                    try (InputStream content = in.getInputStream(entry)) {
                        content.transferTo(out);
                    }
                    out.closeEntry();
                }
            }
        }
        return copy;
    }

    private static void clean(Path folder) throws IOException {
        Files.createDirectories(folder);
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
    }
}
