package io.ovsworkers.embedded.internal;

import io.ovsworkers.spi.BackendException;
import java.nio.file.Path;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;

/** Opens the MVStore files of the embedded backends, all with the same durability settings. */
final class StoreFiles {

    private StoreFiles() {
    }

    /**
     * Opens (or creates) the store file. Nothing is written in the background: callers commit each change
     * themselves, so every commit is one consistent state on disk and a crash never persists half of a change.
     */
    static MVStore open(Path file) {
        try {
            MVStore store = new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().open();
            // Space of dead chunks is reused at once; the default 45 s would grow the file by every commit of that
            // time. The chunks are written before the file header that points at them, so a killed process
            // leaves the last complete commit readable.
            store.setRetentionTime(0);
            return store;
        } catch (MVStoreException e) {
            throw new BackendException("Cannot open the embedded store file " + file + ": " + e.getMessage(), e);
        }
    }
}
