package io.ovsworkers.beat.internal;

import io.ovsworkers.api.NodeInfo;
import io.ovsworkers.api.TaskOptions;
import io.ovsworkers.api.Tasks;
import io.ovsworkers.beat.Beat;
import io.ovsworkers.beat.BeatLeader;
import io.ovsworkers.beat.ScheduledTask;
import io.ovsworkers.beat.internal.BeatSettings.InvalidConfiguration;
import io.ovsworkers.spi.KeyValueStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Beat on this node: one timer thread runs the {@link Scheduler}'s ticks, each when the previous one asked, and
 * at once when the configuration changes. Schedules are read from the registered tasks at every tick, so a plugin
 * that arrives or leaves is seen within half a lease.
 */
@Component(service = Beat.class, immediate = true, configurationPid = BeatConfig.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = BeatConfig.class)
public final class BeatService implements Beat {
    private static final Logger LOG = LoggerFactory.getLogger(BeatService.class);

    @Reference
    Tasks tasks;

    @Reference
    NodeInfo node;

    /** The cluster's store once one is configured: beat restarts on it, taking the lease there. */
    @Reference(policyOption = ReferencePolicyOption.GREEDY)
    KeyValueStore store;

    private final Clock clock;
    private Scheduler scheduler;
    private ScheduledThreadPoolExecutor timer;
    /** Touched by the timer thread only. */
    private ScheduledFuture<?> nextTick;
    private volatile BeatSettings settings = BeatSettings.DEFAULTS;
    private String appliedOverrides;

    public BeatService() {
        this(Clock.systemUTC());
    }

    BeatService(Clock clock) {
        this.clock = clock;
    }

    @Activate
    void activate(Map<String, Object> properties) {
        scheduler = new Scheduler(store, node, tasks::list, this::send, clock);
        configure(properties);
        timer = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "ovs-beat");
            thread.setDaemon(true);
            return thread;
        });
        timer.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        timer.execute(this::tick);
    }

    @Modified
    void modified(Map<String, Object> properties) {
        configure(properties);
        timer.execute(() -> {
            nextTick.cancel(false);
            tick();
        });
    }

    @Deactivate
    void deactivate() {
        timer.execute(scheduler::resign);
        timer.shutdown();
        try {
            if (!timer.awaitTermination(settings.lease().toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("Beat did not stop within {} s; its lease expires by itself", settings.lease().toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public List<ScheduledTask> schedules() {
        return scheduler.schedules();
    }

    @Override
    public Optional<BeatLeader> leader() {
        return scheduler.leader();
    }

    private void configure(Map<String, Object> properties) {
        try {
            settings = BeatSettings.from(properties);
        } catch (InvalidConfiguration refused) {
            LOG.error("{}; keeping {}", refused.getMessage(), settings);
        }
        Object configuredOverrides = properties.get("overrides");
        String overridesText = configuredOverrides == null ? "" : String.valueOf(configuredOverrides);
        Overrides overrides = Overrides.parse(overridesText);
        if (!overridesText.equals(appliedOverrides)) {
            overrides.problems().forEach(LOG::error);
            appliedOverrides = overridesText;
        }
        scheduler.configure(settings, overrides);
        LOG.info("Beat on {}: enabled={}, leaseSeconds={}, missedPolicy={}", node.machineId(), settings.enabled(),
                settings.lease().toSeconds(), settings.missedPolicy().configValue());
    }

    private void tick() {
        Instant wake = clock.instant().plus(settings.renewInterval());
        try {
            wake = scheduler.tick();
        } finally {
            schedule(wake);
        }
    }

    private void schedule(Instant wake) {
        long delayNanos = Math.max(0, Duration.between(clock.instant(), wake).toNanos());
        try {
            nextTick = timer.schedule(this::tick, delayNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException stopping) {
            LOG.debug("Beat is stopping; no further tick");
        }
    }

    private String send(String task, String routingKey) {
        return tasks.task(task).applyAsync(List.of(), Map.of(), TaskOptions.defaults().routingKey(routingKey)).id();
    }
}
