package io.ovsworkers.embedded.internal;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;

import io.ovsworkers.spi.BackendException;
import io.ovsworkers.spi.KeyValueOperation;
import io.ovsworkers.spi.KeyValueOperation.AssertExists;
import io.ovsworkers.spi.KeyValueOperation.AssertValue;
import io.ovsworkers.spi.KeyValueOperation.Delete;
import io.ovsworkers.spi.KeyValueStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.ByteArrayDataType;
import org.h2.mvstore.type.StringDataType;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.propertytypes.ServiceRanking;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link KeyValueStore} in an MVStore file, {@code <dataDir>/embedded/store.mv.db}. Also registered under its own
 * class for {@link EmbeddedResultBackend}, which keeps task results in it.
 *
 * <p>One writer at a time: each write takes the write lock, changes the map and commits the store before it
 * returns, so a write is on disk (in the OS's hands, safe from a killed process) when the call returns, and a
 * transaction is one commit. Readers take the read lock so that they never see half of a transaction.
 */
@Component(service = {KeyValueStore.class, EmbeddedStore.class}, configurationPid = EmbeddedConfig.PID,
        immediate = true)
@Designate(ocd = EmbeddedConfig.class)
@ServiceRanking(EmbeddedStore.RANKING)
public final class EmbeddedStore implements KeyValueStore {

    /** Below the default 0 of any configured cluster backend, which therefore serves instead. */
    static final int RANKING = -100;

    static final String FILE_NAME = "store.mv.db";

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedStore.class);

    private final Path file;
    private final MVStore store;
    private final MVMap<String, byte[]> entries;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final FileThread fileThread = new FileThread("ovs-embedded-store-file");

    @Activate
    public EmbeddedStore(BundleContext context, EmbeddedConfig config) {
        this(DataDirectory.embeddedFolder(config.dataDir(), context.getProperty(DataDirectory.FRAMEWORK_PROPERTY)));
        LOG.info("Embedded key-value store in {}", file);
    }

    EmbeddedStore(Path folder) {
        file = folder.resolve(FILE_NAME);
        store = StoreFiles.open(file);
        entries = store.openMap("entries", new MVMap.Builder<String, byte[]>()
                .keyType(StringDataType.INSTANCE).valueType(ByteArrayDataType.INSTANCE));
    }

    @Deactivate
    void close() {
        lock.writeLock().lock();
        try {
            fileThread.run(store::close);
        } finally {
            lock.writeLock().unlock();
            fileThread.close();
        }
    }

    @Override
    public Optional<byte[]> get(String key) {
        return read(() -> Optional.ofNullable(entries.get(storageKey(key))).map(byte[]::clone));
    }

    @Override
    public void set(String key, byte[] value) {
        byte[] copy = Objects.requireNonNull(value, "value").clone();
        write(() -> entries.put(storageKey(key), copy));
    }

    @Override
    public boolean delete(String key) {
        return write(() -> entries.remove(storageKey(key)) != null);
    }

    @Override
    public boolean compareAndSet(String key, byte[] expected, byte[] update) {
        String storageKey = storageKey(key);
        byte[] replacement = update == null ? null : update.clone();
        return write(() -> {
            if (!Arrays.equals(entries.get(storageKey), expected)) {
                return false;
            }
            if (replacement == null) {
                entries.remove(storageKey);
            } else {
                entries.put(storageKey, replacement);
            }
            return true;
        });
    }

    @Override
    public List<String> keys(String prefix, int max) {
        if (max < 0) {
            throw new IllegalArgumentException("max must not be negative, was " + max);
        }
        String from = storageKey(prefix);
        return read(() -> {
            List<String> keys = new ArrayList<>();
            Iterator<String> iterator = entries.keyIterator(from);
            while (keys.size() < max && iterator.hasNext()) {
                String next = iterator.next();
                if (!next.startsWith(from)) {
                    break;
                }
                keys.add(new String(next.getBytes(ISO_8859_1), UTF_8));
            }
            return keys;
        });
    }

    @Override
    public boolean commit(List<KeyValueOperation> operations) {
        return write(() -> {
            // the transaction's view: its own writes over the stored entries; null marks a deletion
            Map<String, byte[]> changes = new LinkedHashMap<>();
            for (KeyValueOperation operation : operations) {
                String storageKey = storageKey(operation.key());
                byte[] current = changes.containsKey(storageKey) ? changes.get(storageKey) : entries.get(storageKey);
                if (operation instanceof AssertValue assertValue) {
                    if (!Arrays.equals(current, assertValue.expected())) {
                        return false;
                    }
                } else if (operation instanceof AssertExists) {
                    if (current == null) {
                        return false;
                    }
                } else if (operation instanceof KeyValueOperation.Set set) {
                    changes.put(storageKey, set.value());
                } else if (operation instanceof Delete) {
                    if (current == null) {
                        return false;
                    }
                    changes.put(storageKey, null);
                }
            }
            changes.forEach((storageKey, value) -> {
                if (value == null) {
                    entries.remove(storageKey);
                } else {
                    entries.put(storageKey, value);
                }
            });
            return true;
        });
    }

    /**
     * The key as MVStore keeps it: its UTF-8 bytes, one char each, so that String order is the byte order
     * Arakoon sorts keys in (UTF-16 order differs above U+FFFF).
     */
    private static String storageKey(String key) {
        return new String(key.getBytes(UTF_8), ISO_8859_1);
    }

    private <T> T read(Supplier<T> reading) {
        lock.readLock().lock();
        try {
            requireOpen();
            return fileThread.call(reading);
        } finally {
            lock.readLock().unlock();
        }
    }

    private <T> T write(Supplier<T> change) {
        lock.writeLock().lock();
        try {
            requireOpen();
            return fileThread.call(() -> {
                T outcome = change.get();
                store.commit();
                return outcome;
            });
        } catch (RuntimeException e) {
            if (!store.isClosed()) {
                fileThread.run(store::rollback);
            }
            throw e instanceof BackendException backend ? backend
                    : new BackendException("Write to the embedded store " + file + " failed: " + e.getMessage(), e);
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void requireOpen() {
        if (store.isClosed()) {
            throw new BackendException("The embedded store " + file + " is closed");
        }
    }
}
