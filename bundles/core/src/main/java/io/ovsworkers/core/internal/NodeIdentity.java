package io.ovsworkers.core.internal;

import io.ovsworkers.api.NodeInfo;
import io.ovsworkers.core.internal.ConfigurationValues.InvalidConfiguration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;
import java.util.regex.Pattern;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who this node is: its machine id (which names its own queue {@code ovs_<machine id>}) and whether it is a master
 * (masters consume {@code ovs_masters} and run beat). Without configuration the machine id is generated once, as the
 * original's installer did, and kept in the data folder.
 */
@Component(service = {NodeInfo.class, NodeIdentity.class}, configurationPid = NodeIdentity.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = NodeIdentity.Config.class)
public final class NodeIdentity implements NodeInfo {
    static final String PID = "io.ovsworkers.node";
    private static final Logger LOG = LoggerFactory.getLogger(NodeIdentity.class);
    private static final Pattern MACHINE_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    @ObjectClassDefinition(name = "OVS Workers node", description = "Identity and role of this node")
    public @interface Config {
        @AttributeDefinition(description = "Machine id: letters, digits, '-' and '_'; empty means generated once and kept in the data folder")
        String machineId() default "";

        @AttributeDefinition(description = "Whether this node is a master: it consumes ovs_masters and may lead beat")
        boolean master() default true;
    }

    private volatile String machineId;
    private volatile boolean master = true;
    private Path dataDirectory;

    @Activate
    void activate(BundleContext context, Map<String, Object> properties) {
        String data = context.getProperty("ovs.data.dir");
        dataDirectory = Path.of(data == null ? "data" : data);
        machineId = storedOrGeneratedMachineId();
        modified(properties);
    }

    @Modified
    void modified(Map<String, Object> properties) {
        ConfigurationValues values = new ConfigurationValues(PID, properties);
        try {
            String configuredId = values.string("machineId", null, MACHINE_ID, "1 to 64 letters, digits, '-' or '_'");
            boolean configuredMaster = values.bool("master", true);
            machineId = configuredId == null ? storedOrGeneratedMachineId() : configuredId;
            master = configuredMaster;
        } catch (InvalidConfiguration refused) {
            LOG.error("{}; keeping machineId={} master={}", refused.getMessage(), machineId, master);
        }
    }

    @Override
    public String machineId() {
        return machineId;
    }

    @Override
    public boolean master() {
        return master;
    }

    private String storedOrGeneratedMachineId() {
        Path file = dataDirectory.resolve("machine-id");
        try {
            if (Files.exists(file)) {
                String stored = Files.readString(file, StandardCharsets.UTF_8).trim();
                if (MACHINE_ID.matcher(stored).matches()) {
                    return stored;
                }
                LOG.error("Ignoring invalid machine id '{}' in {}; generating a new one", stored, file);
            }
            String generated = generate();
            Files.createDirectories(dataDirectory);
            Path staged = Files.createTempFile(dataDirectory, "machine-id", ".tmp");
            Files.writeString(staged, generated + "\n", StandardCharsets.UTF_8);
            Files.move(staged, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            LOG.info("Generated machine id {} (kept in {})", generated, file);
            return generated;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or keep the machine id in " + file, e);
        }
    }

    private static String generate() {
        SecureRandom random = new SecureRandom();
        StringBuilder id = new StringBuilder(16);
        for (int i = 0; i < 16; i++) {
            id.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return id.toString();
    }
}
