package io.ovsworkers.itests;

import static org.junit.Assert.assertEquals;

import io.ovsworkers.api.AsyncResult;
import io.ovsworkers.api.Tasks;
import io.ovsworkers.spi.Broker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * A node on its embedded defaults is given a RabbitMQ configuration while tasks wait in the embedded broker: the
 * RabbitMQ broker then serves (higher ranking), the waiting tasks are forwarded to it, and they run from there.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class BackendSwitchIT {
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @Inject
    BundleContext context;

    @Inject
    Tasks tasks;

    @Inject
    ConfigurationAdmin configurations;

    @Configuration
    public Option[] config() {
        return Distribution.withFeatures("backend-switch-" + System.nanoTime(), "core", "embedded", "rabbitmq");
    }

    private String servingBroker() {
        ServiceReference<Broker> best = context.getServiceReference(Broker.class);
        return best == null ? "none" : best.getBundle().getSymbolicName();
    }

    @Test
    public void queuedWorkMovesToRabbitMqWhenItIsConfigured() throws Exception {
        assertEquals("io.ovsworkers.embedded", Await.until("the embedded broker", DEADLINE, () -> {
            String serving = servingBroker();
            return serving.equals("none") ? null : serving;
        }));
        List<AsyncResult> waiting = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            waiting.add(tasks.task("ovs.examples.echo").delay("queued-" + i));
        }

        try (RabbitMqVirtualHost vhost = new RabbitMqVirtualHost("ovs-itest-" + System.nanoTime())) {
            org.osgi.service.cm.Configuration rabbit = configurations.getConfiguration("io.ovsworkers.broker.rabbitmq", "?");
            Hashtable<String, Object> settings = new Hashtable<>();
            settings.put("uris", new String[] {vhost.uri()});
            rabbit.update(settings);
            Bundle plugin = null;
            try {
                Await.until("the RabbitMQ broker to serve", DEADLINE, () -> servingBroker().equals("io.ovsworkers.celery"));
                plugin = context.installBundle(Distribution.ourBundle("io.ovsworkers.examples").toUri().toString());
                plugin.start();
                for (int i = 0; i < waiting.size(); i++) {
                    assertEquals("queued-" + i, waiting.get(i).get(DEADLINE));
                }
                assertEquals("after", tasks.task("ovs.examples.echo").delay("after").get(DEADLINE));
            } finally {
                if (plugin != null) {
                    plugin.uninstall();
                }
                rabbit.delete();
                Await.until("the embedded broker to serve again", DEADLINE, () -> servingBroker().equals("io.ovsworkers.embedded"));
            }
        }
    }
}
