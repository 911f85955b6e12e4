package io.ovsworkers.embedded.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirectoryTest {

    @TempDir
    Path temp;

    @Test
    void configuredFolderWins() {
        Path folder = DataDirectory.embeddedFolder(temp.resolve("configured").toString(), temp.resolve("home").toString());

        assertEquals(temp.resolve("configured/embedded"), folder);
        assertTrue(Files.isDirectory(folder));
    }

    @Test
    void frameworkPropertyServesWhenNothingIsConfigured() {
        assertEquals(temp.resolve("home/embedded"), DataDirectory.embeddedFolder(" ", temp.resolve("home").toString()));
    }

    @Test
    void folderThatCannotBeCreatedIsRefusedNamingPidAndKey() throws Exception {
        Path file = Files.writeString(temp.resolve("a-file"), "not a folder");

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> DataDirectory.embeddedFolder(file.toString(), null));

        assertTrue(refused.getMessage().contains("io.ovsworkers.embedded"), refused.getMessage());
        assertTrue(refused.getMessage().contains("dataDir '" + file + "'"), refused.getMessage());
    }

    @Test
    void refusalSaysWhenTheFolderCameFromTheFrameworkProperty() throws Exception {
        Path file = Files.writeString(temp.resolve("a-file"), "not a folder");

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> DataDirectory.embeddedFolder("", file.toString()));

        assertTrue(refused.getMessage().contains("ovs.data.dir"), refused.getMessage());
    }
}
